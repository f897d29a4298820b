package dev.vigil.console.block;

/** A block document: its name, type and the names of its fields (values, secrets above all, are not shown). */
public record BlockRow(String id, String name, String type, String fields) {
}
