package dev.vigil.console.automation.action;

import dev.vigil.console.automation.EditorTools.BlockChoice;
import io.quarkus.qute.TemplateData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the editor's action form shows: the kinds to choose from, the chosen one's fields with their values and
 * problems, the list it adds to, a problem of the whole form, and what was just added.
 */
@TemplateData
public record ActionFormView(List<ActionKind> kinds, ActionKind kind, String list, List<String> lists,
                             List<FieldView> fields, String problem, String added) {

    /** One field as shown: its value, its problem ("" when none), and for a block field the blocks to pick. */
    @TemplateData
    public record FieldView(ActionField field, String value, String error, List<BlockChoice> blocks) {

        public boolean checked() {
            return "true".equals(value) || "on".equals(value);
        }
    }

    /** {@code kind}'s form with its starting values. */
    public static ActionFormView start(ActionKind kind, String list, List<BlockChoice> blocks) {
        return of(kind, list, blocks, Map.of(), Map.of(), "");
    }

    /** {@code kind}'s form with the values as posted, and the problems by field (the whole form under ""). */
    public static ActionFormView of(ActionKind kind, String list, List<BlockChoice> blocks,
                                    Map<String, String> values, Map<String, String> errors, String added) {
        List<BlockChoice> usable = blocks.stream().filter(b -> b.actionType().equals(kind.blockAction())).toList();
        List<FieldView> fields = kind.fields().stream().map(f -> new FieldView(f,
                values.isEmpty() ? f.initial() : values.getOrDefault(f.name(), ""),
                errors.getOrDefault(f.name(), ""), f.input() == ActionField.Input.BLOCK ? usable : List.of()))
                .toList();
        return new ActionFormView(ActionKinds.ALL, kind, list, ActionKinds.LISTS, fields,
                errors.getOrDefault(ActionBuilder.WHOLE, ""), added);
    }

    /**
     * The form as posted (the chosen kind, list and values), without problems: shown again by the other tools;
     * the first kind's starting form when none was posted.
     */
    public static ActionFormView asPosted(ActionInput input, List<BlockChoice> blocks) {
        if (input.type == null) {
            return start(ActionKinds.first(), ActionKinds.LISTS.get(0), blocks);
        }
        ActionKind kind = input.kind();
        Map<String, String> posted = input.values();
        Map<String, String> values = new HashMap<>();
        kind.fields().forEach(f -> values.put(f.name(), posted.getOrDefault(f.name(), "")));
        return of(kind, input.targetList(), blocks, values, Map.of(), "");
    }

    public ActionFormView withProblem(String problem) {
        return new ActionFormView(kinds, kind, list, lists, fields, problem, added);
    }
}
