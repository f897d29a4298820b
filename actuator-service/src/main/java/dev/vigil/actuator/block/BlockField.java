package dev.vigil.actuator.block;

import java.util.List;

/**
 * One field of a block type: its JSON type ({@code string}, {@code array} of strings, {@code object}
 * of strings, {@code boolean}), whether it must be given, whether it is a write-only secret, its
 * default, and the values it may take (empty: any).
 */
public record BlockField(String name, String title, String type, boolean required, boolean secret, Object defaultValue,
                         List<String> choices) {

    public BlockField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public BlockField(String name, String title, String type, boolean required, boolean secret, Object defaultValue) {
        this(name, title, type, required, secret, defaultValue, List.of());
    }
}
