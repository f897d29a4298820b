package dev.vigil.evaluator.trigger;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Values keyed by literal string prefixes, answering "which keys are prefixes of this string"
 * without allocating: the string's hash is computed incrementally along its characters and
 * probed only at the lengths some key has (few in practice). Open addressing, linear probing.
 *
 * @param <V> the value kept per prefix
 */
final class PrefixTable<V> {

    /** Receives each value whose prefix matched. */
    interface Sink<V> {
        void accept(V value);
    }

    private static final int INITIAL_CAPACITY = 16;

    private String[] keys = new String[INITIAL_CAPACITY];
    private Object[] values = new Object[INITIAL_CAPACITY];
    private int size;
    /** The distinct key lengths, ascending. */
    private int[] lengths = new int[0];

    /** The value of {@code prefix}, created by {@code create} when absent. */
    @SuppressWarnings("unchecked")
    V computeIfAbsent(String prefix, Function<String, V> create) {
        int slot = slotOf(prefix, prefix.hashCode());
        if (keys[slot] != null) {
            return (V) values[slot];
        }
        V value = create.apply(prefix);
        keys[slot] = prefix;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        addLength(prefix.length());
        return value;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Gives {@code sink} the value of every key that is a prefix of {@code text}; with
     * {@code proper}, only keys strictly shorter than {@code text}.
     */
    @SuppressWarnings("unchecked")
    void forEachPrefixOf(String text, boolean proper, Sink<V> sink) {
        if (size == 0) {
            return;
        }
        int limit = proper ? text.length() - 1 : text.length();
        int hash = 0;
        int walked = 0;
        for (int length : lengths) {
            if (length > limit) {
                return;
            }
            while (walked < length) {
                hash = 31 * hash + text.charAt(walked++);
            }
            for (int slot = hash & (keys.length - 1); keys[slot] != null; slot = (slot + 1) & (keys.length - 1)) {
                String key = keys[slot];
                if (key.length() == length && key.hashCode() == hash && text.startsWith(key)) {
                    sink.accept((V) values[slot]);
                    break;
                }
            }
        }
    }

    private int slotOf(String key, int hash) {
        int slot = hash & (keys.length - 1);
        while (keys[slot] != null && !keys[slot].equals(key)) {
            slot = (slot + 1) & (keys.length - 1);
        }
        return slot;
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slotOf(oldKeys[i], oldKeys[i].hashCode());
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private void addLength(int length) {
        if (Arrays.binarySearch(lengths, length) >= 0) {
            return;
        }
        int[] grown = Arrays.copyOf(lengths, lengths.length + 1);
        grown[grown.length - 1] = length;
        Arrays.sort(grown);
        lengths = grown;
    }
}
