package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code PATCH /automations/{id}}: only {@code enabled}, which defaults to true as in Prefect. */
public final class AutomationPatch {

    private final boolean enabled;
    private final List<String> unknownKeys = new ArrayList<>();

    @JsonCreator
    public AutomationPatch(@JsonProperty("enabled") Boolean enabled) {
        this.enabled = enabled == null || enabled;
    }

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }

    public boolean enabled() {
        return enabled;
    }

    public List<String> unknownKeys() {
        return List.copyOf(unknownKeys);
    }
}
