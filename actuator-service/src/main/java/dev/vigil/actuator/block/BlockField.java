package dev.vigil.actuator.block;

import java.util.List;

/**
 * One field of a block type: its JSON type ({@code string}, {@code array} of strings, {@code object}
 * of strings, {@code boolean}, {@code number}), whether it must be given, whether it is a write-only secret, its
 * default, the values it may take (empty: any), and whether Vigil acts on it. A field Vigil does not act on is
 * one Prefect's block has: it is accepted and stored so that Prefect's SDK and UI can save the block as they
 * build it, and its default is shown in the schema but not filled in.
 */
public record BlockField(String name, String title, String type, boolean required, boolean secret, Object defaultValue,
                         List<String> choices, boolean used) {

    public BlockField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public BlockField(String name, String title, String type, boolean required, boolean secret, Object defaultValue,
                      List<String> choices) {
        this(name, title, type, required, secret, defaultValue, choices, true);
    }

    public BlockField(String name, String title, String type, boolean required, boolean secret, Object defaultValue) {
        this(name, title, type, required, secret, defaultValue, List.of(), true);
    }

    /** An optional field of Prefect's block that Vigil accepts, stores and does not act on. */
    public static BlockField prefectOnly(String name, String title, String type, Object defaultValue,
                                         List<String> choices) {
        return new BlockField(name, title, type, false, false, defaultValue, choices, false);
    }

    /** {@link #prefectOnly} for a secret of Prefect's block (kept sealed like every other secret). */
    public static BlockField prefectOnlySecret(String name, String title, String type) {
        return new BlockField(name, title, type, false, true, null, List.of(), false);
    }
}
