package dev.vigil.evaluator.action;

import dev.vigil.evaluator.guard.FiringGuard;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.evaluator.trace.EventTraces;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.action.Action;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.kafka.KafkaRecords;
import dev.vigil.support.trace.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Turns a firing into Prefect's side effects: the {@code prefect.automation.triggered} (or
 * {@code .resolved}) state event, then one message per action on the {@code actions} topic, in
 * Prefect's order: {@code actions}, then {@code actions_on_trigger} for a Triggered firing or
 * {@code actions_on_resolve} for a Resolved one, whose event is the state event.
 */
@ApplicationScoped
public class FiringPublisher {

    public static final String CHANNEL = "actions-out";

    private static final String SPAN = "vigil.firing";
    private static final AttributeKey<String> AUTOMATION_ATTRIBUTE = AttributeKey.stringKey("vigil.automation.id");
    private static final AttributeKey<String> STATE_ATTRIBUTE = AttributeKey.stringKey("vigil.firing.state");
    private static final AttributeKey<Boolean> REPUBLISHED_ATTRIBUTE = AttributeKey.booleanKey("vigil.firing.republished");

    private final EventPublisher events;
    private final MutinyEmitter<ActionMessage> actions;
    private final FiringGuard guard;
    private final EvaluatorMetrics metrics;
    private final EventTraces eventTraces;
    private final Traces traces;

    public FiringPublisher(EventPublisher events, @Channel(CHANNEL) MutinyEmitter<ActionMessage> actions,
                           FiringGuard guard, EvaluatorMetrics metrics, EventTraces eventTraces, Traces traces) {
        this.eventTraces = eventTraces;
        this.traces = traces;
        this.metrics = metrics;
        this.events = events;
        this.actions = actions;
        this.guard = guard;
    }

    /**
     * Hands every message of the firings to the producer at once, in order, and completes when the
     * broker has acknowledged them all: the producer keeps their order per partition, and waiting for
     * each acknowledgement in turn would cap a batch at one broker round trip per message. The
     * {@link FiringGuard} first withholds the firings of a loop or a storm.
     */
    public Uni<Void> publish(List<AutomationFiring> firings) {
        if (firings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return guard.admit(firings).chain(admission -> publishAdmitted(admission, eventTraces::of, false));
    }

    /**
     * {@link #publish} for firings committed earlier and published again by the outbox sweep: each continues the
     * trace context it was committed with ({@code traceOf}), as its first publication did, under a
     * {@value #SPAN} span marked republished.
     */
    public Uni<Void> republish(List<AutomationFiring> firings, Function<Firing, String> traceOf) {
        if (firings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return guard.admit(firings).chain(admission -> publishAdmitted(admission, traceOf, true));
    }

    private Uni<Void> publishAdmitted(FiringGuard.Admission admission, Function<Firing, String> traceOf,
                                      boolean republished) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (FiringGuard.Notice notice : admission.notices()) {
            sends.add(events.publish(notice.workspaceId(), notice.event()));
        }
        List<Span> spans = null;
        for (AutomationFiring firing : admission.admitted()) {
            String parent = traceOf.apply(firing.firing());
            Span span = traces.start(SPAN, SpanKind.CONSUMER, parent);
            if (span.isRecording()) {
                span.setAttribute(AUTOMATION_ATTRIBUTE, firing.automation().id().toString());
                span.setAttribute(STATE_ATTRIBUTE, firing.firing().triggerState().name());
                span.setAttribute(REPUBLISHED_ATTRIBUTE, republished);
                spans = spans == null ? new ArrayList<>() : spans;
                spans.add(span);
            }
            String traceparent = Traces.carry(span, parent);
            ReceivedEvent stateEvent = StateEvents.stateChange(firing.automation(), firing.firing());
            sends.add(events.publish(firing.workspaceId(), stateEvent, traceparent));
            for (ActionMessage message : messages(firing, stateEvent, traceparent)) {
                sends.add(send(firing, message));
            }
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Span> started = spans == null ? List.of() : spans;
        return Uni.join().all(sends).andFailFast().invoke(() -> {
            for (AutomationFiring firing : admission.admitted()) {
                metrics.fired(firing.firing().triggerState());
            }
        }).onTermination().invoke(() -> started.forEach(Span::end)).replaceWithVoid();
    }

    private Uni<Void> send(AutomationFiring fired, ActionMessage message) {
        return actions.sendMessage(
                        KafkaRecords.keyed(message, message.automation().id().toString(), fired.workspaceId(),
                                message.traceparent()))
                .onFailure(FiringPublisher::isTooLarge).recoverWithItem(failure -> {
                    // It can never be sent; failing the batch would hold back every other firing in it.
                    Log.errorf("Action %s of automation %s is not published: %s", message.idempotencyKey(),
                            message.automation().id(), failure.getMessage());
                    return null;
                });
    }

    /** An action message (the automation, its events and firings) over the broker's record limit. */
    private static boolean isTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One message per action: a Triggered firing runs {@code actions} then {@code actions_on_trigger}
     * (Prefect's order); a Resolved firing runs only {@code actions_on_resolve}, so an automation's
     * main actions are not repeated when it calms down. The index is the position in that list, so
     * together with the firing id it makes a deterministic idempotency key.
     */
    public static List<ActionMessage> messages(AutomationFiring fired, ReceivedEvent stateEvent) {
        return messages(fired, stateEvent, null);
    }

    /** {@link #messages(AutomationFiring, ReceivedEvent)}, each continuing the trace {@code traceparent} (or none). */
    public static List<ActionMessage> messages(AutomationFiring fired, ReceivedEvent stateEvent, String traceparent) {
        Automation automation = fired.automation();
        Firing firing = fired.firing();
        List<ActionMessage> messages = new ArrayList<>();
        int index = 0;
        if (firing.triggerState() == FiringState.Resolved) {
            for (Action action : automation.actionsOnResolve()) {
                messages.add(message(fired, index++, action, stateEvent, stateEvent, traceparent));
            }
            return messages;
        }
        for (Action action : automation.actions()) {
            messages.add(message(fired, index++, action, firing.triggeringEvent(), stateEvent, traceparent));
        }
        for (Action action : automation.actionsOnTrigger()) {
            messages.add(message(fired, index++, action, stateEvent, stateEvent, traceparent));
        }
        return messages;
    }

    private static ActionMessage message(AutomationFiring fired, int index, Action action, ReceivedEvent event,
                                         ReceivedEvent stateEvent, String traceparent) {
        Firing firing = fired.firing();
        List<Firing> firings = new ArrayList<>();
        flatten(firing, firings);
        List<ReceivedEvent> events = new ArrayList<>();
        for (Firing each : firings) {
            if (each.triggeringEvent() != null) {
                events.add(each.triggeringEvent());
            }
        }
        return new ActionMessage(ActionMessage.idempotencyKey(firing.id(), index), fired.workspaceId(),
                fired.automation(), firing, index, action, event, firing.triggeringLabels(), firings, events,
                stateEvent.id(), traceparent);
    }

    /** The firing followed by every nested child firing, depth first, as Prefect's {@code firings}. */
    private static void flatten(Firing firing, List<Firing> into) {
        into.add(firing);
        for (Firing child : firing.triggeringFirings()) {
            flatten(child, into);
        }
    }
}
