package dev.vigil.console.automation;

import java.util.regex.Pattern;

/**
 * The version of an automation an editor was opened on: the evaluator's {@code ETag}, carried in the form and sent
 * back as {@code If-Match}, so that a save never overwrites a change someone made meanwhile. Only the evaluator's
 * own tag shape is kept from a posted form; anything else is dropped (the save then applies to any version).
 */
final class EditedVersion {

    static final String CHANGED_MEANWHILE = "Someone saved this automation after you opened the editor. Nothing"
            + " was saved: your text is below; keep what you need and open the editor again to start from the"
            + " current version.";

    private static final Pattern EVALUATOR_TAG = Pattern.compile("\"[0-9]{1,20}\"");

    private EditedVersion() {
    }

    /** The tag as the form carries it, or "" when there is none or it is not the evaluator's. */
    static String of(String tag) {
        return tag != null && EVALUATOR_TAG.matcher(tag).matches() ? tag : "";
    }

    /** The {@code If-Match} header for a kept tag; null (no header) for none. */
    static String ifMatch(String kept) {
        return kept == null || kept.isEmpty() ? null : kept;
    }
}
