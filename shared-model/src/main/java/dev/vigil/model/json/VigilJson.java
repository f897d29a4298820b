package dev.vigil.model.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration for Vigil's wire model, shared by every service and by tests,
 * so that what one service writes the others read the same way.
 */
public final class VigilJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private VigilJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies Vigil's settings to a mapper another framework created (e.g. Quarkus' CDI mapper). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
