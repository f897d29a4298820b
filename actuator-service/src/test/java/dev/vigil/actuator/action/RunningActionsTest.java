package dev.vigil.actuator.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
    void aFreeSlotGoesToTheWorkspacesInTurnAndNoneRunsPastItsShare() {
        RunningActions shared = new RunningActions(3, 2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        RunningActions.Slot a1 = take(shared, a).awaitItem().getItem();
        RunningActions.Slot a2 = take(shared, a).awaitItem().getItem();
        UniAssertSubscriber<RunningActions.Slot> a3 = take(shared, a);
        a3.assertNotTerminated(); // a slot is free, but a runs its share
        take(shared, b).awaitItem(); // b's first action gets it at once
        UniAssertSubscriber<RunningActions.Slot> a4 = take(shared, a);
        UniAssertSubscriber<RunningActions.Slot> b2 = take(shared, b);

        a1.release();
        a3.awaitItem(); // a's turn first: its actions waited first
        b2.assertNotTerminated();
        a2.release();
        b2.awaitItem(); // then b's turn, though a4 was queued before b2
        a4.assertNotTerminated();
        assertThat(shared.running()).isEqualTo(3);
        assertThat(shared.waiting()).isEqualTo(1);
    }

    private static UniAssertSubscriber<RunningActions.Slot> take(RunningActions from, UUID workspace) {
        return from.take(workspace).subscribe().withSubscriber(UniAssertSubscriber.create());
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
