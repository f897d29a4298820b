package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code type} tags of triggers. A trigger without a tag is an event trigger (as in Prefect),
 * but an unknown tag is an error, not an event trigger: Jackson's default type would take it.
 */
public final class TriggerTypes extends TypeIdResolverBase {

    private static final Map<String, Class<? extends Trigger>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("event", EventTrigger.class);
        BY_NAME.put("compound", CompoundTrigger.class);
        BY_NAME.put("sequence", SequenceTrigger.class);
        BY_NAME.put("metric", MetricTrigger.class);
    }

    private JavaType base;

    @Override
    public void init(JavaType baseType) {
        this.base = baseType;
    }

    @Override
    public String idFromValue(Object value) {
        return idFromValueAndType(value, value.getClass());
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> type) {
        for (Map.Entry<String, Class<? extends Trigger>> entry : BY_NAME.entrySet()) {
            if (entry.getValue().isAssignableFrom(type)) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("not a trigger type: " + type);
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) throws IOException {
        Class<? extends Trigger> type = BY_NAME.get(id);
        if (type == null) {
            if (context instanceof DeserializationContext deserialization) {
                throw deserialization.invalidTypeIdException(base, id,
                        "known type ids = " + BY_NAME.keySet());
            }
            return null;
        }
        return context.constructSpecializedType(base, type);
    }

    @Override
    public String getDescForKnownTypeIds() {
        return String.join(", ", BY_NAME.keySet());
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
