package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Something an automation does when it fires. Data only: the actuator gives each type its behaviour. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DoNothing.class, name = DoNothing.TYPE),
        @JsonSubTypes.Type(value = RunDeployment.class, name = RunDeployment.TYPE),
        @JsonSubTypes.Type(value = PauseDeployment.class, name = PauseDeployment.TYPE),
        @JsonSubTypes.Type(value = ResumeDeployment.class, name = ResumeDeployment.TYPE),
        @JsonSubTypes.Type(value = CancelFlowRun.class, name = CancelFlowRun.TYPE),
        @JsonSubTypes.Type(value = ChangeFlowRunState.class, name = ChangeFlowRunState.TYPE),
        @JsonSubTypes.Type(value = SuspendFlowRun.class, name = SuspendFlowRun.TYPE),
        @JsonSubTypes.Type(value = ResumeFlowRun.class, name = ResumeFlowRun.TYPE),
        @JsonSubTypes.Type(value = PauseWorkQueue.class, name = PauseWorkQueue.TYPE),
        @JsonSubTypes.Type(value = ResumeWorkQueue.class, name = ResumeWorkQueue.TYPE),
        @JsonSubTypes.Type(value = PauseWorkPool.class, name = PauseWorkPool.TYPE),
        @JsonSubTypes.Type(value = ResumeWorkPool.class, name = ResumeWorkPool.TYPE),
        @JsonSubTypes.Type(value = PauseAutomation.class, name = PauseAutomation.TYPE),
        @JsonSubTypes.Type(value = ResumeAutomation.class, name = ResumeAutomation.TYPE),
        @JsonSubTypes.Type(value = SendNotification.class, name = SendNotification.TYPE),
        @JsonSubTypes.Type(value = CallWebhook.class, name = CallWebhook.TYPE),
        @JsonSubTypes.Type(value = DeclareIncident.class, name = DeclareIncident.TYPE)})
public sealed interface Action permits DoNothing, RunDeployment, PauseDeployment, ResumeDeployment, CancelFlowRun,
        ChangeFlowRunState, SuspendFlowRun, ResumeFlowRun, PauseWorkQueue, ResumeWorkQueue, PauseWorkPool,
        ResumeWorkPool, PauseAutomation, ResumeAutomation, SendNotification, CallWebhook, DeclareIncident {

    /** The {@code type} tag, e.g. {@code call-webhook}. */
    String type();
}
