package dev.vigil.model.automation;

import dev.vigil.model.action.Action;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.action.ChangeFlowRunState;
import dev.vigil.model.action.DeclareIncident;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.SendNotification;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.action.TargetedAction;
import dev.vigil.model.validation.Problems;
import dev.vigil.model.validation.TemplateChecker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Prefect's rules for actions: selected targets need their id, inferred ones must not have one, templates must parse. */
public final class ActionRules {

    /** Prefect's StateType values. */
    public static final Set<String> STATE_TYPES = Set.of("SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED",
            "CANCELLED", "CRASHED", "PAUSED", "CANCELLING");

    private ActionRules() {
    }

    public static void check(List<Action> actions, String field, TemplateChecker templates, Problems problems) {
        for (int i = 0; i < actions.size(); i++) {
            check(actions.get(i), List.of(field, i), templates, problems);
        }
    }

    private static void check(Action action, List<Object> path, TemplateChecker templates, Problems problems) {
        if (action == null) {
            problems.add(path, "Input should be a valid dictionary", "model_type");
            return;
        }
        if (action instanceof TargetedAction targeted) {
            checkTarget(targeted, path, problems);
        }
        if (action instanceof RunDeployment run) {
            if (run.scheduleAfter().isNegative()) {
                problems.add(path, "schedule_after must be greater than or equal to 0 seconds",
                        "greater_than_equal", "schedule_after");
            }
            templatesIn(run.parameters(), Problems.at(path, "parameters"), templates, problems);
        } else if (action instanceof SendNotification notify) {
            required(notify.blockDocumentId(), path, "block_document_id", problems);
            required(notify.body(), path, "body", problems);
            template(notify.subject(), Problems.at(path, "subject"), templates, problems);
            template(notify.body(), Problems.at(path, "body"), templates, problems);
        } else if (action instanceof CallWebhook webhook) {
            required(webhook.blockDocumentId(), path, "block_document_id", problems);
            template(webhook.payload(), Problems.at(path, "payload"), templates, problems);
        } else if (action instanceof ChangeFlowRunState change) {
            if (change.state() == null) {
                problems.add(path, "Field required", "missing", "state");
            } else if (!STATE_TYPES.contains(change.state())) {
                problems.add(path, "Input should be one of " + STATE_TYPES.stream().sorted().toList(), "enum",
                        "state");
            }
            template(change.name(), Problems.at(path, "name"), templates, problems);
            template(change.message(), Problems.at(path, "message"), templates, problems);
        } else if (action instanceof DeclareIncident incident) {
            template(incident.title(), Problems.at(path, "title"), templates, problems);
        }
    }

    private static void checkTarget(TargetedAction action, List<Object> path, Problems problems) {
        if (action.source() == TargetSource.SELECTED && action.targetId() == null) {
            problems.add(path, action.targetField() + " is required when source is 'selected'", "value_error",
                    action.targetField());
        }
        if (action.source() == TargetSource.INFERRED && action.targetId() != null) {
            problems.add(path, action.targetField() + " must not be given when source is 'inferred'", "value_error",
                    action.targetField());
        }
    }

    private static void required(Object value, List<Object> path, String field, Problems problems) {
        if (value == null) {
            problems.add(path, "Field required", "missing", field);
        }
    }

    private static void templatesIn(Object value, List<Object> path, TemplateChecker templates, Problems problems) {
        if (value instanceof String text) {
            template(text, path, templates, problems);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> templatesIn(item, Problems.at(path, key), templates, problems));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                templatesIn(list.get(i), Problems.at(path, i), templates, problems);
            }
        }
    }

    private static void template(String text, List<Object> path, TemplateChecker templates, Problems problems) {
        if (text == null) {
            return;
        }
        Optional<String> problem = templates.problem(text);
        problem.ifPresent(reason -> problems.add(path, "Invalid template: " + reason, "value_error"));
    }
}
