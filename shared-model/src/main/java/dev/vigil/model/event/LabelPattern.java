package dev.vigil.model.event;

/**
 * One label pattern: a full-string, case-sensitive glob ({@code *}, {@code ?}, {@code [...]}),
 * negated by a leading {@code !}. Compiled once; matching allocates nothing.
 */
public final class LabelPattern {

    private final String source;
    private final boolean negated;
    private final String glob;

    private LabelPattern(String source) {
        this.source = source;
        this.negated = source.startsWith("!");
        this.glob = negated ? source.substring(1) : source;
    }

    public static LabelPattern compile(String source) {
        return new LabelPattern(source);
    }

    public boolean negated() {
        return negated;
    }

    public String source() {
        return source;
    }

    /** Whether the glob (ignoring negation) matches the whole value. */
    public boolean globMatches(String value) {
        return Glob.matches(glob, value);
    }

    @Override
    public String toString() {
        return source;
    }
}
