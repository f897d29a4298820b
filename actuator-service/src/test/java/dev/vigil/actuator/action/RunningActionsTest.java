package dev.vigil.actuator.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The running bound: a slot given up while its action waits goes to another action, and comes back first. */
class RunningActionsTest {

    private final RunningActions actions = new RunningActions(2);

    private UniAssertSubscriber<RunningActions.Slot> take() {
        return actions.take().subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void startsAtMostItsBoundAndPassesAReleasedSlotOn() {
        RunningActions.Slot first = take().awaitItem().getItem();
        take().awaitItem();
        UniAssertSubscriber<RunningActions.Slot> third = take();
        third.assertNotTerminated();
        assertThat(actions.running()).isEqualTo(2);
        assertThat(actions.waiting()).isEqualTo(1);

        first.release();
        third.awaitItem();
        assertThat(actions.running()).isEqualTo(2);
        first.release(); // twice is once
        assertThat(actions.running()).isEqualTo(2);
    }

    @Test
    void anActionWaitingAwayFromItsSlotLetsAnotherRunAndComesBackBeforeNewOnes() {
        RunningActions.Slot backingOff = take().awaitItem().getItem();
        RunningActions.Slot other = take().awaitItem().getItem();
        AtomicReference<UniEmitter<? super String>> backoff = new AtomicReference<>();
        UniAssertSubscriber<String> resumed = backingOff.awayDuring(Uni.createFrom().<String>emitter(backoff::set))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        UniAssertSubscriber<RunningActions.Slot> started = take();
        started.awaitItem();
        List<UniAssertSubscriber<RunningActions.Slot>> queued = new ArrayList<>();
        queued.add(take());
        queued.get(0).assertNotTerminated();

        backoff.get().complete("over");
        resumed.assertNotTerminated(); // every slot taken: it waits, ahead of the queued new action
        other.release();
        resumed.awaitItem().assertItem("over");
        queued.get(0).assertNotTerminated();

        backingOff.release();
        queued.get(0).awaitItem();
        assertThat(actions.running()).isEqualTo(2);
        assertThat(actions.waiting()).isZero();
    }

    @Test
    void aFailedWaitStillTakesTheSlotBackBeforeFailing() {
        RunningActions.Slot slot = take().awaitItem().getItem();
        slot.awayDuring(Uni.createFrom().failure(new IllegalStateException("boom")))
                .subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure().assertFailedWith(IllegalStateException.class, "boom");
        assertThat(actions.running()).isEqualTo(1);
        slot.release();
        assertThat(actions.running()).isZero();
    }
}
