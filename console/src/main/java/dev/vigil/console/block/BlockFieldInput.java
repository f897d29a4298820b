package dev.vigil.console.block;

import java.util.List;

/**
 * One field of a block's form, from the block type's schema: its input kind, whether it is a write-only secret
 * (then {@code value} is always empty and {@code stored} says whether a value is kept), and the text shown in
 * its input (arrays one item a line, objects one {@code key: value} a line).
 */
public record BlockFieldInput(String name, String title, String type, boolean required, boolean secret,
                              List<String> choices, String value, boolean stored) {

    /** Whether the input is a multi-line text area (arrays and objects). */
    public boolean multiline() {
        return "array".equals(type) || "object".equals(type);
    }

    public boolean choice() {
        return !choices.isEmpty() || "boolean".equals(type);
    }

    /** The options of a select: the schema's values, or true/false. */
    public List<String> options() {
        return choices.isEmpty() ? List.of("true", "false") : choices;
    }

    public String inputId() {
        return "field-" + name;
    }
}
