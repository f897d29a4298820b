package dev.vigil.template;

import java.time.Duration;

/**
 * Bounds of user templates. The render-time ones hold while a render runs, so a template cannot
 * exhaust memory or CPU; the save-time ones ({@code maxLoops}, {@code maxLoopNesting}) are Prefect's
 * validation rules. {@link #DEFAULTS} is the one place their defaults live; services override them
 * through {@code vigil.templates.*}.
 *
 * @param maxOutputChars    longest rendered output (characters)
 * @param rangeLimit        largest {@code range()} a template may build (Prefect: 100)
 * @param maxRenderDepth    deepest nested rendering
 * @param renderTimeout     longest one render may take (CPU deadline, checked between nodes and at every
 *                          filter and method call)
 * @param maxLoops          most {@code for} loops a template may hold (Prefect: 10)
 * @param maxLoopNesting    deepest nesting of {@code for} loops (Prefect: 2)
 * @param maxStringLength   longest string a template may build, including every intermediate one
 * @param maxCollectionSize largest list or map a template may build, including every intermediate one
 * @param maxLoopIterations most loop iterations of one render, all loops together
 * @param maxMacroDepth     deepest recursion of one macro
 * @param maxNestingDepth   deepest nesting of brackets in one expression
 */
public record TemplateLimits(long maxOutputChars, int rangeLimit, int maxRenderDepth, Duration renderTimeout,
                             int maxLoops, int maxLoopNesting, long maxStringLength, int maxCollectionSize,
                             int maxLoopIterations, int maxMacroDepth, int maxNestingDepth) {

    private static final long ONE_MIB = 1024 * 1024;
    private static final int PREFECT_RANGE_LIMIT = 100;
    private static final int DEFAULT_RENDER_DEPTH = 10;
    private static final Duration DEFAULT_RENDER_TIMEOUT = Duration.ofSeconds(2);
    private static final int PREFECT_MAX_LOOPS = 10;
    private static final int PREFECT_MAX_LOOP_NESTING = 2;
    private static final int DEFAULT_COLLECTION_SIZE = 10_000;
    private static final int DEFAULT_LOOP_ITERATIONS = 100_000;
    private static final int DEFAULT_MACRO_DEPTH = 20;
    private static final int DEFAULT_NESTING_DEPTH = 50;

    public static final TemplateLimits DEFAULTS = new TemplateLimits(ONE_MIB, PREFECT_RANGE_LIMIT,
            DEFAULT_RENDER_DEPTH, DEFAULT_RENDER_TIMEOUT, PREFECT_MAX_LOOPS, PREFECT_MAX_LOOP_NESTING,
            ONE_MIB, DEFAULT_COLLECTION_SIZE, DEFAULT_LOOP_ITERATIONS, DEFAULT_MACRO_DEPTH,
            DEFAULT_NESTING_DEPTH);

    public TemplateLimits {
        if (maxOutputChars < 1 || rangeLimit < 1 || maxRenderDepth < 1 || renderTimeout == null
                || renderTimeout.isNegative() || renderTimeout.isZero() || maxLoops < 0 || maxLoopNesting < 0
                || maxStringLength < 1 || maxCollectionSize < 1 || maxLoopIterations < 1 || maxMacroDepth < 1
                || maxNestingDepth < 1) {
            throw new IllegalArgumentException("Template limits must be positive: " + this);
        }
    }

    public TemplateLimits withRenderTimeout(Duration timeout) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, timeout, maxLoops, maxLoopNesting,
                maxStringLength, maxCollectionSize, maxLoopIterations, maxMacroDepth, maxNestingDepth);
    }

    /** Also lowers the string cap to the output cap, since no intermediate string needs to be longer. */
    public TemplateLimits withMaxOutputChars(long chars) {
        return new TemplateLimits(chars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops, maxLoopNesting,
                Math.min(maxStringLength, chars), maxCollectionSize, maxLoopIterations, maxMacroDepth, maxNestingDepth);
    }

    public TemplateLimits withMaxStringLength(long chars) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops,
                maxLoopNesting, chars, maxCollectionSize, maxLoopIterations, maxMacroDepth, maxNestingDepth);
    }

    public TemplateLimits withMaxCollectionSize(int size) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops,
                maxLoopNesting, maxStringLength, size, maxLoopIterations, maxMacroDepth, maxNestingDepth);
    }

    public TemplateLimits withMaxLoopIterations(int iterations) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops,
                maxLoopNesting, maxStringLength, maxCollectionSize, iterations, maxMacroDepth, maxNestingDepth);
    }

    public TemplateLimits withMaxMacroDepth(int depth) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops,
                maxLoopNesting, maxStringLength, maxCollectionSize, maxLoopIterations, depth, maxNestingDepth);
    }

    public TemplateLimits withMaxNestingDepth(int depth) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops,
                maxLoopNesting, maxStringLength, maxCollectionSize, maxLoopIterations, maxMacroDepth, depth);
    }

    public TemplateLimits withRangeLimit(int limit) {
        return new TemplateLimits(maxOutputChars, limit, maxRenderDepth, renderTimeout, maxLoops, maxLoopNesting,
                maxStringLength, maxCollectionSize, maxLoopIterations, maxMacroDepth, maxNestingDepth);
    }
}
