package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.Resource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CloudEvents (v1.0) in webhook templates: the {@code cloudevent} context variable.
 *
 * <p>When the request is a CloudEvent, in structured mode (a {@code application/cloudevents+json}
 * body) or binary mode ({@code ce-specversion}, {@code ce-type}, ... headers, the body being the
 * data), the context gets {@code cloudevent}: the Prefect event made of it, as a map. So the static
 * template
 *
 * <pre>{{ cloudevent | tojson }}</pre>
 *
 * accepts any CloudEvent. The mapping:
 * <ul>
 *   <li>{@code event} = the CloudEvent {@code type};</li>
 *   <li>{@code resource}: {@code prefect.resource.id} = {@code source}, or {@code source/subject}
 *       when there is a subject; labels {@code cloudevents.source}, {@code cloudevents.subject},
 *       {@code cloudevents.id}, {@code cloudevents.specversion}, {@code cloudevents.datacontenttype},
 *       {@code cloudevents.dataschema} and {@code cloudevents.<extension>} for each one present;</li>
 *   <li>{@code occurred} = {@code time} (when absent, the time of the request);</li>
 *   <li>{@code id} = the CloudEvent {@code id} when it is a UUID (otherwise a new id; the original is
 *       in the {@code cloudevents.id} label);</li>
 *   <li>{@code payload} = {@code data} (parsed when JSON; {@code data_base64} decoded), or
 *       {@code {"data": …}} when the data is not an object.</li>
 * </ul>
 * Templates may also pick pieces: {@code {{ cloudevent.event }}},
 * {@code {{ cloudevent.resource['cloudevents.source'] }}}, {@code {{ cloudevent.payload.x }}}. A request
 * that is not a CloudEvent has no {@code cloudevent} (it renders empty).
 */
final class CloudEvents {

    static final String VARIABLE = "cloudevent";
    static final String STRUCTURED_TYPE = "application/cloudevents+json";
    private static final String BINARY_PREFIX = "ce-";
    private static final String LABEL_PREFIX = "cloudevents.";
    private static final String SPECVERSION = "specversion";
    private static final String DATA = "data";
    private static final String DATA_BASE64 = "data_base64";
    /** Attributes with a place of their own in the event, not copied as labels. */
    private static final Set<String> MAPPED = Set.of("type", "time", DATA, DATA_BASE64);

    private CloudEvents() {
    }

    /** True when the request carries a CloudEvent, in either mode. */
    static boolean isCloudEvent(IncomingRequest request) {
        return STRUCTURED_TYPE.equals(mediaType(request)) || request.header(BINARY_PREFIX + SPECVERSION) != null;
    }

    /**
     * The Prefect event (as a map) of a CloudEvent request.
     *
     * @param body the body as the template sees it (parsed JSON, form fields or text)
     * @throws WebhookRejection when a required attribute is missing
     */
    static Map<String, Object> event(IncomingRequest request, Object body, ObjectMapper json) {
        Map<String, Object> attributes = STRUCTURED_TYPE.equals(mediaType(request)) ? structured(body, json)
                : binary(request, body);
        String type = text(attributes.get("type"));
        String source = text(attributes.get("source"));
        if (type == null || type.isBlank()) {
            throw new WebhookRejection("CloudEvent has no 'type'");
        }
        if (source == null || source.isBlank()) {
            throw new WebhookRejection("CloudEvent has no 'source'");
        }
        String subject = text(attributes.get("subject"));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put(Resource.ID, subject == null || subject.isEmpty() ? source
                : source.replaceAll("/+$", "") + "/" + subject);
        attributes.forEach((name, value) -> {
            if (!MAPPED.contains(name) && value != null && !(value instanceof Map) && !(value instanceof Iterable)) {
                resource.put(LABEL_PREFIX + name, String.valueOf(value));
            }
        });
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        event.put("resource", resource);
        String time = text(attributes.get("time"));
        if (time != null && !time.isBlank()) {
            event.put("occurred", time);
        }
        String id = text(attributes.get("id"));
        if (isUuid(id)) {
            event.put("id", id);
        }
        event.put("payload", payload(attributes.get(DATA)));
        return event;
    }

    private static Map<String, Object> structured(Object body, ObjectMapper json) {
        if (!(body instanceof Map<?, ?> map)) {
            throw new WebhookRejection("A structured CloudEvent must be a JSON object");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        map.forEach((name, value) -> attributes.put(String.valueOf(name), value));
        Object encoded = attributes.get(DATA_BASE64);
        if (!attributes.containsKey(DATA) && encoded instanceof String base64) {
            attributes.put(DATA, decode(base64, text(attributes.get("datacontenttype")), json));
        }
        return attributes;
    }

    private static Map<String, Object> binary(IncomingRequest request, Object body) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(BINARY_PREFIX)) {
                attributes.put(lower.substring(BINARY_PREFIX.length()), value);
            }
        });
        String contentType = request.header("Content-Type");
        if (contentType != null) {
            attributes.put("datacontenttype", contentType);
        }
        attributes.put(DATA, body instanceof String text && text.isEmpty() ? null : body);
        return attributes;
    }

    private static Object decode(String base64, String contentType, ObjectMapper json) {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejection("CloudEvent 'data_base64' is not valid base64");
        }
        if (contentType != null && contentType.split(";")[0].trim().toLowerCase(Locale.ROOT).endsWith("json")) {
            try {
                return json.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new WebhookRejection("CloudEvent data is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return text;
    }

    private static Map<String, Object> payload(Object data) {
        if (data instanceof Map<?, ?> map) {
            Map<String, Object> payload = new LinkedHashMap<>();
            map.forEach((name, value) -> payload.put(String.valueOf(name), value));
            return payload;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        if (data != null) {
            wrapped.put(DATA, data);
        }
        return wrapped;
    }

    private static String mediaType(IncomingRequest request) {
        String type = request.header("Content-Type");
        return type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
