package dev.vigil.console.automation.action;

import java.util.HashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The action form's inputs as posted: the type, the list to add to, and one input per JSON field of any
 * kind ({@code action_} and the field's name). Only the chosen kind's fields are read.
 */
public class ActionInput {

    @RestForm("action_type")
    public String type;
    @RestForm("action_list")
    public String list;
    @RestForm("action_block_document_id")
    public String blockDocumentId;
    @RestForm("action_payload")
    public String payload;
    @RestForm("action_subject")
    public String subject;
    @RestForm("action_body")
    public String body;
    @RestForm("action_source")
    public String source;
    @RestForm("action_deployment_id")
    public String deploymentId;
    @RestForm("action_automation_id")
    public String automationId;
    @RestForm("action_work_queue_id")
    public String workQueueId;
    @RestForm("action_work_pool_id")
    public String workPoolId;
    @RestForm("action_parameters")
    public String parameters;
    @RestForm("action_job_variables")
    public String jobVariables;
    @RestForm("action_schedule_after")
    public String scheduleAfter;
    @RestForm("action_state")
    public String state;
    @RestForm("action_name")
    public String name;
    @RestForm("action_message")
    public String message;
    @RestForm("action_force")
    public String force;
    @RestForm("action_title")
    public String title;
    @RestForm("action_severity")
    public String severity;

    /** The chosen kind, or the first one when none (or an unknown one) was posted. */
    public ActionKind kind() {
        return ActionKinds.find(type == null ? "" : type.trim()).orElse(ActionKinds.first());
    }

    /** The list to add to: one of {@link ActionKinds#LISTS}, {@code actions} when anything else was posted. */
    public String targetList() {
        return list != null && ActionKinds.LISTS.contains(list) ? list : ActionKinds.LISTS.get(0);
    }

    /** Every posted value by JSON field name (absent inputs are left out). */
    public Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        putIf(values, "block_document_id", blockDocumentId);
        putIf(values, "payload", payload);
        putIf(values, "subject", subject);
        putIf(values, "body", body);
        putIf(values, "source", source);
        putIf(values, "deployment_id", deploymentId);
        putIf(values, "automation_id", automationId);
        putIf(values, "work_queue_id", workQueueId);
        putIf(values, "work_pool_id", workPoolId);
        putIf(values, "parameters", parameters);
        putIf(values, "job_variables", jobVariables);
        putIf(values, "schedule_after", scheduleAfter);
        putIf(values, "state", state);
        putIf(values, "name", name);
        putIf(values, "message", message);
        putIf(values, "force", force);
        putIf(values, "title", title);
        putIf(values, "severity", severity);
        return values;
    }

    private static void putIf(Map<String, String> values, String field, String value) {
        if (value != null) {
            values.put(field, value);
        }
    }
}
