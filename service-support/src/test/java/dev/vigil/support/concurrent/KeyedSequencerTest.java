package dev.vigil.support.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedSequencerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LONGEST_TURN = Duration.ofMinutes(10);

    @Test
    void workForOneKeyRunsOneAtATimeInArrivalOrder() {
        KeyedSequencer<String> sequencer = new KeyedSequencer<>(LONGEST_TURN);
        CompletableFuture<String> gate = new CompletableFuture<>();
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            results.add(sequencer.run("a", () -> {
                started.add(n);
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                Uni<String> wait = n == 0 ? Uni.createFrom().completionStage(gate) : Uni.createFrom().item("x");
                return wait.map(ignored -> n).onTermination().invoke(running::decrementAndGet);
            }).subscribeAsCompletionStage());
        }
        assertThat(started).containsExactly(0);
        gate.complete("go");
        results.forEach(r -> r.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(sequencer.activeKeys()).isZero();
    }

    @Test
    void otherKeysDoNotWaitAndAFailureReleasesTheNext() {
        KeyedSequencer<String> sequencer = new KeyedSequencer<>(LONGEST_TURN);
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<String> blocked = sequencer.run("a", () -> Uni.createFrom().completionStage(gate))
                .subscribeAsCompletionStage();
        assertThat(sequencer.run("b", () -> Uni.createFrom().item("b")).await().atMost(WAIT)).isEqualTo("b");
        CompletableFuture<String> next = sequencer.run("a", () -> Uni.createFrom().item("next"))
                .subscribeAsCompletionStage();
        assertThat(next).isNotDone();
        gate.completeExceptionally(new IllegalStateException("boom"));
        assertThat(blocked).isCompletedExceptionally();
        assertThat(next.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo("next");
        assertThat(sequencer.activeKeys()).isZero();
    }

    @Test
    void workThatNeverEndsLetsTheNextStartAfterTheLongestTurn() {
        KeyedSequencer<String> sequencer = new KeyedSequencer<>(Duration.ofMillis(200));
        CompletableFuture<String> never = sequencer.run("a", () -> Uni.createFrom().<String>nothing())
                .subscribeAsCompletionStage();
        CompletableFuture<String> next = sequencer.run("a", () -> Uni.createFrom().item("next"))
                .subscribeAsCompletionStage();

        assertThat(next.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo("next");
        assertThat(never).isNotDone();
    }

    @Test
    void aTurnMustBePositive() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new KeyedSequencer<String>(Duration.ZERO));
    }
}
