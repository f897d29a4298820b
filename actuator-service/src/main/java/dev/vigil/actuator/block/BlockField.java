package dev.vigil.actuator.block;

/** One field of a block type: whether it must be given, and whether it is a write-only secret. */
public record BlockField(String name, String title, String type, boolean required, boolean secret, Object defaultValue) {
}
