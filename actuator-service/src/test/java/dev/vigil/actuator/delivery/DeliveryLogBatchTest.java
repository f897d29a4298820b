package dev.vigil.actuator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delivery log's grouped writes against the real PostgreSQL: every row lands, a bad row fails only its caller. */
@QuarkusTest
class DeliveryLogBatchTest {

    private static final int ACTIONS = 200;

    @Inject
    DeliveryLog log;

    private Delivery open() {
        ActionMessage message = Messages.of(new DoNothing());
        Execution execution = InVertx.await(() -> log.open(message));
        return new Delivery(execution.id(), message.workspaceId(), message.action().type(), message.idempotencyKey(),
                0);
    }

    private Uni<Void> attempt(Delivery delivery, int status, String outcome) {
        return log.recordAttempt(delivery, OffsetDateTime.now(ZoneOffset.UTC), 1, "POST http://target/" + status,
                new Attempt<>(null, Attempt.Outcome.SUCCEEDED, status, "ok " + status, null, null), outcome);
    }

    @Test
    void concurrentActionsEachGetTheirAttemptsAndStatus() {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < ACTIONS; i++) {
            deliveries.add(open());
        }

        // All at once, as concurrently running actions would: two attempts each, then the outcome.
        InVertx.await(() -> Uni.join().all(deliveries.stream()
                        .map(d -> attempt(d, 503, "retrying")
                                .chain(() -> attempt(d, 200, "succeeded"))
                                .chain(() -> log.finish(d.executionId(), ExecutionStatus.SUCCEEDED, null)))
                        .toList())
                .andFailFast());

        for (Delivery d : deliveries) {
            Execution execution = InVertx.await(() -> log.find(d.workspaceId(), d.executionId()));
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.attemptCount()).isEqualTo(2);
            assertThat(execution.attempts()).extracting(AttemptRecord::attempt, AttemptRecord::statusCode,
                            AttemptRecord::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 503, "retrying"),
                            org.assertj.core.groups.Tuple.tuple(2, 200, "succeeded"));
        }
    }

    @Test
    void aRowTheDatabaseRejectsFailsItsCallerOnly() {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < ACTIONS; i++) {
            deliveries.add(open());
        }
        Delivery bad = deliveries.get(ACTIONS / 2);

        // 'bogus' breaks the outcome's CHECK constraint, so the statement holding it fails.
        List<Uni<String>> results = deliveries.stream()
                .map(d -> attempt(d, 200, d == bad ? "bogus" : "succeeded")
                        .map(ok -> "written").onFailure().recoverWithItem(e -> "failed"))
                .toList();
        List<String> outcomes = InVertx.await(() -> Uni.join().all(results).andFailFast());

        for (int i = 0; i < ACTIONS; i++) {
            Delivery d = deliveries.get(i);
            assertThat(outcomes.get(i)).isEqualTo(d == bad ? "failed" : "written");
            Execution execution = InVertx.await(() -> log.find(d.workspaceId(), d.executionId()));
            assertThat(execution.attempts()).hasSize(d == bad ? 0 : 1);
        }
        assertThatThrownBy(() -> InVertx.await(() -> attempt(bad, 200, "bogus"))).hasMessageContaining("check");
    }

    @Test
    void concurrentOpensGetTheirOwnExecutionsAndARepeatedMessageItsEarlierOne() {
        List<ActionMessage> messages = new ArrayList<>();
        for (int i = 0; i < ACTIONS; i++) {
            messages.add(Messages.of(new DoNothing()));
        }
        Execution seenBefore = InVertx.await(() -> log.open(messages.get(0)));

        List<Execution> opened = InVertx.await(() -> Uni.join().all(messages.stream().map(log::open).toList())
                .andFailFast());

        assertThat(opened.get(0).id()).isEqualTo(seenBefore.id());
        assertThat(opened).extracting(Execution::id).doesNotHaveDuplicates();
        for (int i = 0; i < ACTIONS; i++) {
            assertThat(opened.get(i).idempotencyKey()).isEqualTo(messages.get(i).idempotencyKey());
            assertThat(opened.get(i).status()).isEqualTo(ExecutionStatus.RUNNING);
        }
    }

    @Test
    void anOpenTheDatabaseRejectsFailsItsActionOnly() {
        List<ActionMessage> messages = new ArrayList<>();
        for (int i = 0; i < ACTIONS; i++) {
            messages.add(Messages.of(new DoNothing()));
        }
        ActionMessage bad = messages.get(ACTIONS / 2);

        // Valid JSON that jsonb refuses (a NUL character), so the statement holding it fails.
        List<Uni<String>> results = messages.stream()
                .map(m -> (m == bad ? log.open(m, "{\"text\": \"\\u0000\"}") : log.open(m))
                        .map(execution -> execution.idempotencyKey()).onFailure().recoverWithItem(e -> "failed"))
                .toList();
        List<String> outcomes = InVertx.await(() -> Uni.join().all(results).andFailFast());

        for (int i = 0; i < ACTIONS; i++) {
            ActionMessage m = messages.get(i);
            assertThat(outcomes.get(i)).isEqualTo(m == bad ? "failed" : m.idempotencyKey());
        }
        assertThatThrownBy(() -> InVertx.await(() -> log.open(bad, "{\"text\": \"\\u0000\"}")))
                .hasMessageContaining("Unicode");
    }
}
