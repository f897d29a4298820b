package dev.vigil.console.automation.action;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * One action type of the shared model's sealed {@code Action} set as a form: its {@code type} tag, a label
 * and a sentence for people, its fields, and (for an action that names a block) the picker's action, whose
 * block types are {@code ActionEditor}'s.
 */
@TemplateData
public record ActionKind(String type, String label, String help, List<ActionField> fields) {

    /** The action whose blocks the picker offers: this kind's type when one of its fields is a block. */
    public String blockAction() {
        return fields.stream().anyMatch(f -> f.input() == ActionField.Input.BLOCK) ? type : "";
    }
}
