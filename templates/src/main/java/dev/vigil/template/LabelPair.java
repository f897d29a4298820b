package dev.vigil.template;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Map;

/**
 * One {@code (label, value)} item of a resource's labels, as Prefect's {@code LabelDiver} yields them when
 * iterated (also through filters: {@code labels|sort} sorts these pairs, as Python sorts tuples). Indexable
 * ({@code pair[0]}, {@code pair[1]}) and unpacked by a two-name {@code for} loop ({@link PairForTag}).
 */
final class LabelPair extends AbstractList<String> implements Comparable<LabelPair> {

    private final String label;
    private final String value;

    LabelPair(String label, String value) {
        this.label = label;
        this.value = value;
    }

    @Override
    public String get(int index) {
        return switch (index) {
            case 0 -> label;
            case 1 -> value;
            default -> throw new IndexOutOfBoundsException("tuple index out of range");
        };
    }

    @Override
    public int size() {
        return 2;
    }

    Map.Entry<String, String> entry() {
        return new AbstractMap.SimpleImmutableEntry<>(label, value);
    }

    @Override
    public int compareTo(LabelPair other) {
        int byLabel = label.compareTo(other.label);
        return byLabel != 0 ? byLabel : String.valueOf(value).compareTo(String.valueOf(other.value));
    }
}
