package dev.vigil.template;

import com.hubspot.jinjava.objects.PyWrapper;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A read-only map that templates see as a Python dict: {@code .items()}, {@code .keys()},
 * {@code .values()} and {@code .get(k, default)}. As a {@link PyWrapper} Jinjava keeps it as it is,
 * so subclasses can answer computed attributes (such as a resource's {@code id}) that do not
 * appear when the map is iterated or serialised with {@code tojson}.
 */
abstract class TemplateMap extends AbstractMap<String, Object> implements PyWrapper {

    public List<Map.Entry<String, Object>> items() {
        return new ArrayList<>(entrySet());
    }

    public List<String> keys() {
        return new ArrayList<>(keySet());
    }

    public Object get(Object key, Object fallback) {
        Object value = get(key);
        return value == null ? fallback : value;
    }
}
