package dev.vigil.console.automation;

import dev.vigil.console.automation.action.ActionFormView;
import dev.vigil.console.automation.action.ActionKinds;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the editor shows beside the document: the workspace's blocks for the action picker, the event the
 * template preview renders against, the rendered previews, the tools' own problems, and the action form.
 */
public record EditorTools(List<BlockChoice> blocks, String previewEvent, String previewEventId,
                          List<PreviewRow> previews, List<String> problems, ActionFormView action) {

    /** A block an action can name: its id, name and type, and the action type that takes it. */
    @TemplateData
    public record BlockChoice(String id, String name, String type, String actionType) {
    }

    /** One action's template fields rendered against the event, as the actuator would render them. */
    public record PreviewRow(int index, String type, String rendered, boolean failed) {
    }

    public static EditorTools of(List<BlockChoice> blocks, String previewEvent) {
        return new EditorTools(blocks, previewEvent, "", List.of(), List.of(),
                ActionFormView.start(ActionKinds.first(), ActionKinds.LISTS.get(0), blocks));
    }

    public EditorTools with(List<PreviewRow> rendered, List<String> found) {
        return new EditorTools(blocks, previewEvent, previewEventId, rendered, found, action);
    }

    public EditorTools withEvent(String event, String eventId) {
        return new EditorTools(blocks, event, eventId, previews, problems, action);
    }

    public EditorTools withAction(ActionFormView form) {
        return new EditorTools(blocks, previewEvent, previewEventId, previews, problems, form);
    }
}
