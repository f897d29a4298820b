package dev.vigil.console.automation.action;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * One labelled input of an action's form: the JSON field it fills ({@code name}), how it is entered, and
 * what it starts with. {@code required} is what the form itself insists on (a selected target's id is
 * required only when the source is "selected": the builder checks that).
 */
@TemplateData
public record ActionField(String name, String label, Input input, boolean required, List<String> options,
                          String initial, String help) {

    /** How a field is entered and read back into JSON. */
    public enum Input {
        /** A block of the workspace, picked from those the action takes ({@link ActionKind#blockAction()}). */
        BLOCK,
        /** {@code selected} (the id below) or {@code inferred} (from the triggering event). */
        SOURCE,
        /** An object's id (a UUID). */
        ID,
        /** One line of text; a template when it holds {@code {{ }}} or {@code {% %}}. */
        LINE,
        /** Several lines of text; a template likewise. */
        TEXT,
        /** One of {@code options}. */
        CHOICE,
        /** A yes/no checkbox. */
        FLAG,
        /** A JSON object (values may be templates), or empty for none. */
        JSON_OBJECT,
        /** A whole number of seconds, zero or more. */
        SECONDS
    }

    static ActionField of(String name, String label, Input input, boolean required, String help) {
        return new ActionField(name, label, input, required, List.of(), "", help);
    }

    ActionField startingWith(String value) {
        return new ActionField(name, label, input, required, options, value, help);
    }

    ActionField choosing(List<String> choices) {
        return new ActionField(name, label, input, required, List.copyOf(choices), initial, help);
    }

    /** The form input's name and id: {@code action_} and the JSON field. */
    public String inputName() {
        return "action_" + name;
    }

    /** The HTML control the template draws: block, choice, flag, textarea, number or text. */
    public String control() {
        return switch (input) {
            case BLOCK -> "block";
            case SOURCE, CHOICE -> "choice";
            case FLAG -> "flag";
            case TEXT, JSON_OBJECT -> "textarea";
            case SECONDS -> "number";
            case ID, LINE -> "text";
        };
    }
}
