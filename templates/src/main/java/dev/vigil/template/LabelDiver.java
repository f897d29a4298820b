package dev.vigil.template;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Dotted labels seen as a tree, like Prefect's label diver: {@code labels['a.b']} and
 * {@code labels.a.b} both give the value of label {@code a.b}; a node that has deeper labels
 * still renders as its own value.
 */
final class LabelDiver extends TemplateMap implements PyishSerializable {

    private final Map<String, String> labels;
    private final String prefix;

    private LabelDiver(Map<String, String> labels, String prefix) {
        this.labels = labels;
        this.prefix = prefix;
    }

    static LabelDiver of(Map<String, String> labels) {
        return new LabelDiver(labels == null ? Map.of() : labels, "");
    }

    @Override
    public Object get(Object key) {
        String label = prefix + key;
        String deeper = label + ".";
        boolean hasDeeper = labels.keySet().stream().anyMatch(l -> l.startsWith(deeper));
        if (hasDeeper) {
            return new LabelDiver(labels, deeper);
        }
        return labels.get(label);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> under = new LinkedHashMap<>();
        labels.forEach((label, value) -> {
            if (label.startsWith(prefix)) {
                under.put(label.substring(prefix.length()), value);
            }
        });
        return under.entrySet();
    }

    /** The labels under this node as Prefect's LabelDiver iterates them: {@code (label, value)} pairs. */
    java.util.List<LabelPair> pairs() {
        return entrySet().stream().map(e -> new LabelPair(e.getKey(), e.getValue() == null ? null
                : String.valueOf(e.getValue()))).collect(java.util.stream.Collectors.toList());
    }

    /** The value of the label this node stands for, or empty. */
    private String value() {
        if (prefix.isEmpty()) {
            return PyishSerializable.writeValueAsString(labels);
        }
        String own = labels.get(prefix.substring(0, prefix.length() - 1));
        return own == null ? "" : own;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        return (T) appendable.append(value());
    }

    @Override
    public String toString() {
        return value();
    }
}
