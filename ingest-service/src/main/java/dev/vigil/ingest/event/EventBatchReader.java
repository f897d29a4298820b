package dev.vigil.ingest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.Event;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.JsonErrorMessages;
import dev.vigil.support.error.ValidationProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the body of {@code POST /api/events}: all events at once, or each one on its own. */
@ApplicationScoped
public class EventBatchReader {

    private static final TypeReference<List<Event>> EVENTS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public EventBatchReader(ObjectMapper json) {
        this.json = json;
    }

    /** The whole array; a malformed element fails it (mapped to 422 naming index and field). */
    public List<Event> readAll(byte[] body) throws IOException {
        return json.readValue(body, EVENTS);
    }

    /** Each element on its own, so one malformed element does not hide the others. */
    public List<Element> readEach(byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isArray()) {
            throw new ValidationProblemException(FieldProblem.body("Input should be a valid list", "list_type"));
        }
        List<Element> elements = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            try {
                elements.add(new Element(i, json.treeToValue(node, Event.class), rawId(node), List.of()));
            } catch (JsonProcessingException e) {
                elements.add(new Element(i, null, rawId(node), List.of(describe(e, i))));
            }
        }
        return elements;
    }

    private static String rawId(JsonNode node) {
        JsonNode id = node == null ? null : node.get("id");
        if (id == null || !id.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(id.asText()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A mapping failure as a problem located under {@code body} and {@code prefix}. */
    public static FieldProblem describe(JsonProcessingException e, Object... prefix) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        loc.addAll(List.of(prefix));
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
        }
        return new FieldProblem(List.copyOf(loc), JsonErrorMessages.forClient(e.getOriginalMessage()), "value_error");
    }

    /**
     * One element of the array: the event when it could be read, and what was wrong otherwise.
     *
     * @param id the element's {@code id} when it is a valid UUID, so a rejection can name it
     */
    public record Element(int index, Event event, String id, List<FieldProblem> problems) {
    }
}
