package dev.vigil.actuator.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.model.json.VigilJson;

/** Writes notification bodies as JSON text. */
final class Json {

    private Json() {
    }

    static String write(Object body) {
        try {
            return VigilJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification body is not serialisable", e);
        }
    }
}
