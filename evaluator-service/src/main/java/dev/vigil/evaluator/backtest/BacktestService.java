package dev.vigil.evaluator.backtest;

import dev.vigil.evaluator.action.FiringPublisher;
import dev.vigil.evaluator.action.StateEvents;
import dev.vigil.evaluator.automation.AutomationDefinitions;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.replay.BacktestRunner;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.vertx.OffEventLoop;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateLimits;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs backtests: validates the request like the automations API, reads stored history from ingest
 * when asked to, then replays the events off the event loop.
 */
@ApplicationScoped
public class BacktestService {

    private static final int PAYLOAD_TOO_LARGE = 413;

    private final AutomationDefinitions definitions;
    private final EvaluatorConfig config;
    private final IngestHistory history;
    private final BacktestRunner runner = new BacktestRunner();
    private final ActionPreview previews;

    public BacktestService(AutomationDefinitions definitions, EvaluatorConfig config, IngestHistory history,
                           TemplateLimits templateLimits) {
        this.previews = new ActionPreview(new JinjaEnvironment(templateLimits));
        this.definitions = definitions;
        this.config = config;
        this.history = history;
    }

    public Uni<BacktestReport> backtest(UUID workspaceId, BacktestRequest request) {
        // Validation renders the automation's templates under their deadline: off the event loop.
        return OffEventLoop.compute(() -> validate(request)).chain(automation -> {
            if (!automation.enabled()) {
                return Uni.createFrom().item(BacktestReport.disabled());
            }
            if (request.fromHistory()) {
                return history.read(workspaceId, request.since().toInstant(), request.until().toInstant(),
                                HistoryNames.prefixes(automation.trigger()), config.backtestMaxEvents())
                        .chain(events -> replay(workspaceId, automation, request.since(), inArrivalOrder(events),
                                request.until()));
            }
            List<ReceivedEvent> events = new ArrayList<>(request.events().size());
            for (Event event : request.events()) {
                events.add(event.receive(event.occurred()));
            }
            return replay(workspaceId, automation, request.start(), events, request.until());
        });
    }

    /**
     * Stored history comes ordered by occurrence; live evaluation saw the events as they arrived, so the
     * replay takes them in the order they were received (stable for equal times).
     */
    static List<ReceivedEvent> inArrivalOrder(List<ReceivedEvent> events) {
        List<ReceivedEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(ReceivedEvent::received, Comparator.nullsFirst(Comparator.naturalOrder())));
        return ordered;
    }

    private Uni<BacktestReport> replay(UUID workspaceId, Automation automation, OffsetDateTime start,
                                       List<ReceivedEvent> events, OffsetDateTime until) {
        // Replaying many events is CPU work: it runs on a worker thread, never on the event loop. The firings
        // keep the order evaluation produced them in, as live publishes them.
        return Uni.createFrom().item(() -> runner.run(workspaceId, automation, start.toInstant(), events,
                        until.toInstant()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(firings -> new BacktestReport(firings.stream().map(this::describe).toList(), List.of()));
    }

    private Automation validate(BacktestRequest request) {
        if (request == null || request.automation() == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "automation"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (request.until() == null) {
            problems.add(FieldProblem.body("Field required", "missing", "until"));
        }
        if (request.fromHistory()) {
            if (request.events() != null) {
                problems.add(FieldProblem.body("Give either events or since, not both", "value_error", "events"));
            }
            if (request.until() != null && request.until().isBefore(request.since())) {
                problems.add(FieldProblem.body("until must not be before since", "value_error", "until"));
            }
        } else {
            if (request.start() == null) {
                problems.add(FieldProblem.body("Field required", "missing", "start"));
            }
            if (request.events() == null) {
                problems.add(FieldProblem.body("Field required (or since, to replay stored history)", "missing",
                        "events"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationProblemException(problems);
        }
        if (!request.fromHistory()) {
            validateEvents(request.events());
        }
        Trigger trigger = definitions.forCreate(request.automation());
        var body = request.automation();
        OffsetDateTime loaded = request.fromHistory() ? request.since() : request.start();
        return new Automation(UUID.randomUUID(), loaded, loaded, body.name(), body.description(),
                !Boolean.FALSE.equals(body.enabled()), body.tags(), trigger.withFreshIds(), body.actions(), body.actionsOnTrigger(),
                body.actionsOnResolve());
    }

    private void validateEvents(List<Event> events) {
        if (events.size() > config.backtestMaxEvents()) {
            throw new WebApplicationException(ErrorBodies.detail(PAYLOAD_TOO_LARGE, "A backtest takes at most "
                    + config.backtestMaxEvents() + " events; this one has " + events.size()));
        }
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event == null || event.occurred() == null || event.id() == null || event.event() == null
                    || event.resource() == null || event.resource().id() == null) {
                throw new ValidationProblemException(FieldProblem.body(
                        "Events need id, occurred, event and resource with prefect.resource.id", "missing",
                        "events", i));
            }
        }
    }

    private BacktestFiring describe(AutomationFiring fired) {
        ReceivedEvent stateEvent = StateEvents.stateChange(fired.automation(), fired.firing());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ActionMessage message : FiringPublisher.messages(fired, stateEvent)) {
            actions.add(previews.of(message));
        }
        ReceivedEvent triggering = fired.firing().triggeringEvent();
        return new BacktestFiring(fired.firing().triggerState().name(), fired.firing().triggered(),
                triggering == null ? null : triggering.id(), fired.firing().triggeringLabels(),
                fired.firing().triggeringValue(), actions);
    }
}
