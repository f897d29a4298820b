package dev.vigil.actuator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.actuator.config.ActuatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-target gate: a rate limit delays excess calls (none is dropped), and calls in flight to one
 * target are bounded without holding up other targets. {@code paced.test} is limited to 10/s, burst 2,
 * in the test profile.
 */
@QuarkusTest
class TargetGateTest {

    private static final int CALLS = 10;
    private static final long INTERVAL_MS = 100;
    private static final int BURST = 2;
    /** Timer granularity and scheduling slack. */
    private static final long SLACK_MS = 40;

    @Inject
    TargetGate gate;

    @Inject
    ActuatorConfig config;

    @Test
    void aRateLimitDelaysExcessCallsInsteadOfDroppingThem() throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(gate.through("paced.test:443",
                            () -> Uni.createFrom().item(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)))
                    .subscribeAsCompletionStage());
        }
        // The burst goes at once: those calls ran while being subscribed to, with no timer in between (a fact
        // of the gate's decision, not of how fast this thread got here).
        assertThat(calls.subList(0, BURST)).as("the burst, run on the spot").allMatch(CompletableFuture::isDone);
        List<Long> startedAt = new ArrayList<>();
        for (CompletableFuture<Long> call : calls) {
            startedAt.add(call.get(10, TimeUnit.SECONDS));
        }
        assertThat(startedAt).hasSize(CALLS);
        startedAt.sort(Long::compare);
        // Each call after the burst waits one more interval (a lower bound: a busy box only makes it later).
        for (int i = BURST; i < CALLS; i++) {
            assertThat(startedAt.get(i)).as("call %d", i).isGreaterThanOrEqualTo((i - BURST + 1) * INTERVAL_MS - SLACK_MS);
        }
        assertThat(startedAt.get(CALLS - 1)).isGreaterThanOrEqualTo((CALLS - BURST) * INTERVAL_MS - SLACK_MS);
    }

    @Test
    void anUnlimitedHostIsNotPaced() throws Exception {
        // Not paced: every call runs while being subscribed to, none waits on a timer (asserted as that
        // decision, not as an elapsed-time bound a busy box could break).
        for (int i = 0; i < CALLS; i++) {
            int n = i;
            CompletableFuture<Integer> call =
                    gate.through("free.test:80", () -> Uni.createFrom().item(n)).subscribeAsCompletionStage();
            assertThat(call).as("call %d", i).isCompletedWithValue(n);
        }
    }

    @Test
    void callsInFlightToOneTargetAreBoundedAndOthersAreNotHeldUp() throws Exception {
        int max = config.targets().maxConcurrency();
        int total = max * 2 + 3;
        ConcurrentLinkedQueue<UniEmitter<? super String>> pending = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<String>> slow = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            slow.add(gate.through("slow.test:80", () -> Uni.createFrom().<String>emitter(pending::add))
                    .subscribeAsCompletionStage());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.size() == max);
        assertThat(gate.inFlight("slow.test:80")).isEqualTo(max);
        // No pause to see whether more get in: admission is decided on subscribe, so the others are queued now
        // and only a finished call can let one in (checked one by one below).
        assertThat(pending).hasSize(max);
        assertThat(slow).noneMatch(CompletableFuture::isDone);

        // Another target still gets through while this one is saturated.
        assertThat(gate.through("other.test:80", () -> Uni.createFrom().item("quick"))
                .subscribeAsCompletionStage().get(2, TimeUnit.SECONDS)).isEqualTo("quick");

        // Each finished call lets exactly one waiting call in; nothing is dropped.
        int released = 0;
        while (released < total) {
            UniEmitter<? super String> next = pending.poll();
            if (next == null) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !pending.isEmpty());
                continue;
            }
            next.complete("done");
            released++;
            assertThat(gate.inFlight("slow.test:80")).isLessThanOrEqualTo(max);
        }
        for (CompletableFuture<String> call : slow) {
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        }
        assertThat(gate.inFlight("slow.test:80")).isZero();
    }

    @Test
    void aFailedCallFreesItsSlot() throws Exception {
        int max = config.targets().maxConcurrency();
        for (int i = 0; i < max * 2; i++) {
            CompletableFuture<Object> failed = gate.through("failing.test:80",
                    () -> Uni.createFrom().failure(new IllegalStateException("refused"))).subscribeAsCompletionStage();
            assertThat(failed).failsWithin(Duration.ofSeconds(2));
        }
        assertThat(gate.inFlight("failing.test:80")).isZero();
    }
}
