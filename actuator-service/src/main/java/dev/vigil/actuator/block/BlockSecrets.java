package dev.vigil.actuator.block;

import java.util.LinkedHashMap;
import java.util.Map;

/** Replaces secret field values with Prefect's obfuscation marker before anything leaves the service. */
public final class BlockSecrets {

    public static final String OBFUSCATED = "********";

    private BlockSecrets() {
    }

    public static Map<String, Object> obfuscate(BlockType type, Map<String, Object> data) {
        Map<String, Object> visible = new LinkedHashMap<>();
        data.forEach((field, value) -> {
            boolean secret = type.field(field).map(BlockField::secret).orElse(false);
            visible.put(field, secret && value != null ? OBFUSCATED : value);
        });
        return visible;
    }
}
