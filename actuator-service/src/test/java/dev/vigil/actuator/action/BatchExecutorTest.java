package dev.vigil.actuator.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.delivery.DeliveryLog;
import dev.vigil.actuator.delivery.Execution;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A batch of action messages shares its claims, opens and triggered events, yet each action ends on its own. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class BatchExecutorTest {

    private static final long WAIT_SECONDS = 60;

    @Inject
    BatchExecutor batches;

    @Inject
    ActionExecutor executor;

    @Inject
    DeliveryLog log;

    @Inject
    RedisDataSource redis;

    @Test
    void aKeyRepeatedInABatchRunsOnceAndAFailingActionFailsOnlyItself() throws Exception {
        String ok = stub(200);
        String rejected = stub(400);
        String earlier = stub(200);
        ActionMessage first = message(ok);
        ActionMessage failing = message(rejected);
        ActionMessage finished = message(earlier);
        InVertx.await(() -> executor.execute(finished));

        List<Throwable> failures = runAll(List.of(first, failing, first, finished, first));

        assertThat(failures).containsOnlyNulls();
        assertThat(requests(ok)).hasSize(1);
        assertThat(requests(rejected)).hasSize(1);
        assertThat(requests(earlier)).hasSize(1);
        assertThat(execution(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution(first).attemptCount()).isEqualTo(1);
        assertThat(execution(failing).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution(finished).attemptCount()).isEqualTo(1);
    }

    @Test
    void anActionAnotherOwnerHoldsWaitsAloneWhileItsNeighboursRun() throws Exception {
        String held = stub(200);
        String free = stub(200);
        ActionMessage busy = message(held);
        ActionMessage neighbour = message(free);
        redis.value(String.class).set(ActionLedger.key(busy), "claimed:" + UUID.randomUUID());

        CompletableFuture<List<Throwable>> ends = CompletableFuture.supplyAsync(() -> runAll(List.of(busy, neighbour)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(WAIT_SECONDS))
                .until(() -> requests(free).size() == 1);
        assertThat(ends).isNotDone();
        assertThat(requests(held)).isEmpty();

        // The other owner gives up (its claim expires): the waiting action claims it at its next poll and runs.
        redis.key().del(ActionLedger.key(busy));
        assertThat(ends.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsOnlyNulls();
        assertThat(requests(held)).hasSize(1);
        assertThat(requests(free)).hasSize(1);
    }

    /** Runs the messages as one batch; answers each one's failure (null when it ended well), in order. */
    private List<Throwable> runAll(List<ActionMessage> messages) {
        List<BatchExecutor.Arrival> batch = new ArrayList<>();
        for (ActionMessage message : messages) {
            batch.add(new BatchExecutor.Arrival(message, json(message)));
        }
        return InVertx.await(() -> {
            List<Uni<Throwable>> ends = new ArrayList<>();
            for (Uni<Void> end : batches.executeAll(batch)) {
                ends.add(end.map(done -> (Throwable) null).onFailure().recoverWithItem(failure -> failure));
            }
            return Uni.join().all(ends).andFailFast();
        });
    }

    private Execution execution(ActionMessage message) {
        List<Execution> found = InVertx.await(() -> log.list(message.workspaceId(),
                new dev.vigil.actuator.delivery.ExecutionFilter(message.automation().id(), null, null, null, 10, 0)));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String stub(int status) {
        String path = "/batch/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    private static ActionMessage message(String path) {
        return Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{}"));
    }

    private static String json(ActionMessage message) {
        try {
            return VigilJson.mapper().writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LoggedRequest> requests(String path) {
        return Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)));
    }
}
