package dev.vigil.ingest.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.json.TimestampDeserializer;
import dev.vigil.model.event.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The columns of {@code ingest.events}, read straight from the JSON of an {@code events} record. The
 * resource, related resources and payload are kept as the JSON text they arrived as (PostgreSQL parses
 * them into jsonb anyway): reading them into maps only to write them out again cost the persister
 * most of its CPU.
 */
record EventColumns(UUID id, OffsetDateTime occurred, String event, String resourceId, String resource,
        String related, String payload, UUID follows, OffsetDateTime received) {

    private static final String EMPTY_LIST = "[]";
    private static final String EMPTY_OBJECT = "{}";

    /** The columns of one record; fails on JSON that is malformed or lacks a required field. */
    static EventColumns read(JsonFactory factory, byte[] json) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "an event record must be a JSON object");
            }
            Builder row = new Builder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> row.id = uuid(parser, value);
                    case "occurred" -> row.occurred = timestamp(parser, value);
                    case "event" -> row.event = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "resource" -> {
                        int start = start(parser);
                        row.resourceId = resourceId(parser, value);
                        row.resource = text(json, start, parser);
                    }
                    case "related" -> row.related = value == JsonToken.VALUE_NULL ? EMPTY_LIST : raw(json, parser);
                    case "payload" -> row.payload = value == JsonToken.VALUE_NULL ? EMPTY_OBJECT : raw(json, parser);
                    case "follows" -> row.follows = uuid(parser, value);
                    case "received" -> row.received = timestamp(parser, value);
                    default -> parser.skipChildren();
                }
            }
            return row.build(parser);
        }
    }

    private static int start(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    /** The current value, object or array, as the text it was written as. */
    private static String raw(byte[] json, JsonParser parser) throws IOException {
        int start = start(parser);
        parser.skipChildren();
        return text(json, start, parser);
    }

    /** The text from {@code start} to the end of the value the parser has just finished. */
    private static String text(byte[] json, int start, JsonParser parser) {
        int end = (int) parser.currentLocation().getByteOffset();
        return new String(json, start, end - start, StandardCharsets.UTF_8);
    }

    private static String resourceId(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isId = Resource.ID.equals(parser.currentName());
            if (parser.nextToken() == JsonToken.VALUE_STRING && isId) {
                id = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return id;
    }

    private static UUID uuid(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? UUID.fromString(parser.getText()) : null;
    }

    private static OffsetDateTime timestamp(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? TimestampDeserializer.parse(parser.getText()) : null;
    }

    private static final class Builder {
        private UUID id;
        private OffsetDateTime occurred;
        private String event;
        private String resourceId;
        private String resource;
        private String related = EMPTY_LIST;
        private String payload = EMPTY_OBJECT;
        private UUID follows;
        private OffsetDateTime received;

        EventColumns build(JsonParser parser) throws JsonParseException {
            if (id == null || occurred == null || event == null || resourceId == null || received == null) {
                throw new JsonParseException(parser, "an event record needs id, occurred, event, "
                        + "resource with " + Resource.ID + " and received");
            }
            return new EventColumns(id, occurred, event, resourceId, resource, related, payload, follows, received);
        }
    }
}
