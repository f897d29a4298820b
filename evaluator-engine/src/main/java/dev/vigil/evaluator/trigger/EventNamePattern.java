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
        this.literal = literalPrefix(source).length() == source.length();
        this.glob = source.replace("*", "?*");
    }

    public boolean matches(String name) {
        return literal ? source.equals(name) : Glob.matches(glob, name);
    }

    /** The pattern up to its first wildcard: every name it matches starts with it (a literal name is its own prefix). */
    public static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }

    public boolean isLiteral() {
        return literal;
    }

    public String source() {
        return source;
    }
}
