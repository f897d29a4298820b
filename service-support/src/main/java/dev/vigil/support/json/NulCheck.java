package dev.vigil.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.TreeNode;
import dev.vigil.support.error.FieldProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first NUL character (U+0000) in a JSON document's strings and keys. PostgreSQL text and
 * jsonb cannot hold it, so it must be refused at the door, naming where it is.
 */
public final class NulCheck {

    public static final String MESSAGE = "Text must not contain the NUL character (\\u0000)";
    public static final String TYPE = "string_nul";
    private static final char NUL = '\u0000';
    private static final JsonFactory FACTORY = new JsonFactory();

    private NulCheck() {
    }

    /** The problem at the first NUL, or empty when there is none or the body is not JSON (its reader says why). */
    public static Optional<FieldProblem> find(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            return find(parser);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The same for a document already read, such as YAML. */
    public static Optional<FieldProblem> find(TreeNode document) {
        try (JsonParser parser = document.traverse()) {
            return find(parser);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<FieldProblem> find(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)
                    && parser.getText().indexOf(NUL) >= 0) {
                return Optional.of(new FieldProblem(location(parser.getParsingContext().pathAsPointer()),
                        MESSAGE, TYPE));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} holds a NUL. */
    public static boolean in(String text) {
        return text != null && text.indexOf(NUL) >= 0;
    }

    private static List<Object> location(JsonPointer pointer) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (JsonPointer at = pointer; at != null && !at.matches(); at = at.tail()) {
            loc.add(at.getMatchingIndex() >= 0 ? (Object) at.getMatchingIndex() : at.getMatchingProperty());
        }
        return loc;
    }
}
