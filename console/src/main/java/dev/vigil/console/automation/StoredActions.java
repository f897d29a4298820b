package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.automation.action.ActionKind;
import dev.vigil.console.automation.action.ActionKinds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A stored automation's actions, each at its place ({@code actions.2}), as its page lists them for the per-action
 * form and "Remove". A form carries the action's type and fingerprint as it was shown, so that a change saved in
 * the meantime (the action edited, moved or removed by someone else) is refused instead of overwritten.
 */
public final class StoredActions {

    private StoredActions() {
    }

    /** One action at its place: its type, its kind's label (empty for a type without a form) and its fingerprint. */
    public record Slot(String list, int index, String type, String label, String fingerprint, boolean editable) {
    }

    public static List<Slot> of(JsonNode automation) {
        List<Slot> slots = new ArrayList<>();
        for (String list : ActionKinds.LISTS) {
            JsonNode actions = automation.path(list);
            for (int i = 0; i < actions.size(); i++) {
                JsonNode action = actions.get(i);
                String type = action.path("type").asText("");
                Optional<ActionKind> kind = ActionKinds.find(type);
                slots.add(new Slot(list, i, type, kind.map(ActionKind::label).orElse(""), fingerprint(action),
                        kind.map(k -> !k.fields().isEmpty()).orElse(false)));
            }
        }
        return slots;
    }

    /** The action at {@code list}'s {@code index}, when the automation has one there. */
    public static Optional<JsonNode> at(JsonNode automation, String list, int index) {
        JsonNode actions = automation.path(list);
        return ActionKinds.LISTS.contains(list) && index >= 0 && index < actions.size()
                ? Optional.of(actions.get(index)) : Optional.empty();
    }

    /**
     * Why the action at the place no longer is the one a form was opened on ({@code type}, {@code fingerprint}), or
     * empty when it still is.
     */
    public static Optional<String> changed(JsonNode automation, String list, int index, String type,
                                           String fingerprint) {
        String place = list + "." + index;
        Optional<JsonNode> action = at(automation, list, index);
        if (action.isEmpty()) {
            return Optional.of("The automation has no " + place + " any more: it was changed since this page was"
                    + " shown. Nothing was saved; open the automation again.");
        }
        if (!action.get().path("type").asText("").equals(type)) {
            return Optional.of(place + " is no longer a " + type + " action (it is now "
                    + action.get().path("type").asText("?") + "): the automation was changed since this page was"
                    + " shown. Nothing was saved; open the automation again.");
        }
        if (!fingerprint(action.get()).equals(fingerprint == null ? "" : fingerprint)) {
            return Optional.of(place + " was changed since this page was shown. Nothing was saved; open the"
                    + " automation again to see it as it is now.");
        }
        return Optional.empty();
    }

    /** A short digest of the action's JSON as the API returned it: equal while the action is unchanged. */
    static String fingerprint(JsonNode action) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(action.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static final int FINGERPRINT_BYTES = 16;
}
