package dev.vigil.evaluator.trigger;

import dev.vigil.model.event.Glob;

/**
 * A pattern in {@code expect} or {@code after}. Matches the whole event name; as in Prefect a
 * {@code *} must stand for at least one character ({@code animal.*} does not cover {@code animal.}).
 */
public final class EventNamePattern {

    private final String source;
    private final String glob;
    private final boolean literal;

    public EventNamePattern(String source) {
        this.source = source;
        this.literal = source.indexOf('*') < 0 && source.indexOf('?') < 0 && source.indexOf('[') < 0;
        this.glob = source.replace("*", "?*");
    }

    public boolean matches(String name) {
        return literal ? source.equals(name) : Glob.matches(glob, name);
    }

    public boolean isLiteral() {
        return literal;
    }

    public String source() {
        return source;
    }
}
