package dev.vigil.actuator.notification;

import dev.vigil.actuator.block.BlockDocumentEntity;
import java.util.List;
import java.util.Map;

/** Typed reads of a stored block's fields (validated when the block was saved). */
final class BlockData {

    private BlockData() {
    }

    static String string(BlockDocumentEntity block, String field) {
        Object value = block.data.get(field);
        return value instanceof String s && !s.isEmpty() ? s : null;
    }

    static String string(BlockDocumentEntity block, String field, String fallback) {
        String value = string(block, field);
        return value == null ? fallback : value;
    }

    static boolean bool(BlockDocumentEntity block, String field) {
        return Boolean.TRUE.equals(block.data.get(field));
    }

    static List<String> strings(BlockDocumentEntity block, String field) {
        return block.data.get(field) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> stringMap(BlockDocumentEntity block, String field) {
        return block.data.get(field) instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(BlockDocumentEntity block, String field) {
        return block.data.get(field) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
