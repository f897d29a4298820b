package dev.vigil.console.automation.action;

import static dev.vigil.console.automation.action.ActionField.Input.BLOCK;
import static dev.vigil.console.automation.action.ActionField.Input.CHOICE;
import static dev.vigil.console.automation.action.ActionField.Input.FLAG;
import static dev.vigil.console.automation.action.ActionField.Input.ID;
import static dev.vigil.console.automation.action.ActionField.Input.JSON_OBJECT;
import static dev.vigil.console.automation.action.ActionField.Input.LINE;
import static dev.vigil.console.automation.action.ActionField.Input.SECONDS;
import static dev.vigil.console.automation.action.ActionField.Input.SOURCE;
import static dev.vigil.console.automation.action.ActionField.Input.TEXT;

import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.action.CancelFlowRun;
import dev.vigil.model.action.ChangeFlowRunState;
import dev.vigil.model.action.DeclareIncident;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.action.PauseAutomation;
import dev.vigil.model.action.PauseDeployment;
import dev.vigil.model.action.PauseWorkPool;
import dev.vigil.model.action.PauseWorkQueue;
import dev.vigil.model.action.ResumeAutomation;
import dev.vigil.model.action.ResumeDeployment;
import dev.vigil.model.action.ResumeFlowRun;
import dev.vigil.model.action.ResumeWorkPool;
import dev.vigil.model.action.ResumeWorkQueue;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.SendNotification;
import dev.vigil.model.action.SuspendFlowRun;
import dev.vigil.model.automation.ActionRules;
import java.util.List;
import java.util.Optional;

/** Every action type of the shared model as a form, in the order the editor offers them. */
public final class ActionKinds {

    /** The lists of an automation an action can be added to. */
    public static final List<String> LISTS = List.of("actions", "actions_on_trigger", "actions_on_resolve");
    public static final String SELECTED = "selected";
    public static final String INFERRED = "inferred";

    static final String DEFAULT_PAYLOAD = "{\"event\": \"{{ event.event }}\", \"resource\": \"{{ event.resource.id }}\"}";
    static final String DEFAULT_SUBJECT = "{{ automation.name }} fired";
    static final String DEFAULT_BODY = "{{ event.event }} from {{ event.resource.id }} at {{ event.occurred }}";

    public static final List<ActionKind> ALL = List.of(
            new ActionKind(CallWebhook.TYPE, "Call a webhook",
                    "Sends the payload to the URL of a webhook block (its URL and headers stay in the block).",
                    List.of(block(),
                            ActionField.of("payload", "Payload (a template)", TEXT, false,
                                    "Sent as the request body; Jinja: event, automation, firing.")
                                    .startingWith(DEFAULT_PAYLOAD))),
            new ActionKind(SendNotification.TYPE, "Send a notification",
                    "Sends a subject and body through a notification block (Slack, Teams, email, ...).",
                    List.of(block(),
                            ActionField.of("subject", "Subject (a template)", LINE, false, "")
                                    .startingWith(DEFAULT_SUBJECT),
                            ActionField.of("body", "Body (a template)", TEXT, true, "")
                                    .startingWith(DEFAULT_BODY))),
            new ActionKind(RunDeployment.TYPE, "Run a deployment",
                    "Creates a flow run of a deployment.",
                    List.of(source("deployment"), target("deployment_id", "Deployment id"),
                            ActionField.of("parameters", "Parameters (a JSON object; values may be templates)",
                                    JSON_OBJECT, false, "Empty: the deployment's defaults."),
                            ActionField.of("job_variables", "Job variables (a JSON object)", JSON_OBJECT, false,
                                    "Empty: the deployment's own."),
                            ActionField.of("schedule_after", "Start after (seconds)", SECONDS, false, "")
                                    .startingWith("0"))),
            targeted(PauseDeployment.TYPE, "Pause a deployment", "Pauses a deployment's schedules.", "deployment",
                    "deployment_id", "Deployment id"),
            targeted(ResumeDeployment.TYPE, "Resume a deployment", "Resumes a deployment's schedules.", "deployment",
                    "deployment_id", "Deployment id"),
            targeted(PauseAutomation.TYPE, "Pause an automation", "Turns an automation off.", "automation",
                    "automation_id", "Automation id (from its page's address)"),
            targeted(ResumeAutomation.TYPE, "Resume an automation", "Turns an automation on.", "automation",
                    "automation_id", "Automation id (from its page's address)"),
            new ActionKind(ChangeFlowRunState.TYPE, "Change a flow run's state",
                    "Moves the flow run the event is about into a state.",
                    List.of(ActionField.of("state", "New state", CHOICE, true, "")
                                    .choosing(ActionRules.STATE_TYPES.stream().sorted().toList()),
                            ActionField.of("name", "State name (optional; a template)", LINE, false, ""),
                            ActionField.of("message", "Message (optional; a template)", TEXT, false, ""),
                            ActionField.of("force", "Force the change (skip the orchestration rules)", FLAG, false,
                                    ""))),
            plain(CancelFlowRun.TYPE, "Cancel a flow run", "Cancels the flow run the event is about."),
            plain(SuspendFlowRun.TYPE, "Suspend a flow run", "Suspends the flow run the event is about."),
            plain(ResumeFlowRun.TYPE, "Resume a flow run",
                    "Resumes the paused or suspended flow run the event is about."),
            targeted(PauseWorkQueue.TYPE, "Pause a work queue", "Pauses a work queue.", "work queue",
                    "work_queue_id", "Work queue id"),
            targeted(ResumeWorkQueue.TYPE, "Resume a work queue", "Resumes a work queue.", "work queue",
                    "work_queue_id", "Work queue id"),
            targeted(PauseWorkPool.TYPE, "Pause a work pool", "Pauses a work pool.", "work pool",
                    "work_pool_id", "Work pool id"),
            targeted(ResumeWorkPool.TYPE, "Resume a work pool", "Resumes a work pool.", "work pool",
                    "work_pool_id", "Work pool id"),
            new ActionKind(DeclareIncident.TYPE, "Declare an incident", "Records an incident (see Incidents).",
                    List.of(ActionField.of("title", "Title (a template)", LINE, false, "")
                                    .startingWith("{{ automation.name }}: {{ event.resource.id }}"),
                            ActionField.of("severity", "Severity (optional)", LINE, false, ""))),
            plain(DoNothing.TYPE, "Do nothing", "Records the firing and does nothing: to try a trigger."));

    private ActionKinds() {
    }

    public static Optional<ActionKind> find(String type) {
        return ALL.stream().filter(k -> k.type().equals(type)).findFirst();
    }

    /** The kind the editor shows first. */
    public static ActionKind first() {
        return ALL.get(0);
    }

    private static ActionField block() {
        return ActionField.of("block_document_id", "Block", BLOCK, true, "");
    }

    private static ActionField source(String what) {
        return ActionField.of("source", "Which " + what, SOURCE, true,
                "selected: the one whose id you give; inferred: the one the triggering event is about.")
                .choosing(List.of(SELECTED, INFERRED)).startingWith(SELECTED);
    }

    private static ActionField target(String field, String label) {
        return ActionField.of(field, label, ID, false, "Required when selected; left out when inferred.");
    }

    /** A kind without fields: the action acts on what the triggering event is about. */
    private static ActionKind plain(String type, String label, String help) {
        return new ActionKind(type, label, help, List.of());
    }

    private static ActionKind targeted(String type, String label, String help, String what, String field,
                                       String fieldLabel) {
        return new ActionKind(type, label, help, List.of(source(what), target(field, fieldLabel)));
    }
}
