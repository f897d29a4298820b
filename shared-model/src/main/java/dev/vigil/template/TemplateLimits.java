package dev.vigil.template;

import java.time.Duration;

/**
 * Caps on user templates: the render-time ones protect the renderer, the save-time ones
 * ({@code maxLoops}, {@code maxLoopNesting}) are Prefect's validation rules.
 *
 * @param maxOutputChars  longest rendered output
 * @param rangeLimit      largest {@code range()} a template may build (Prefect: 100)
 * @param maxRenderDepth  deepest nested rendering
 * @param renderTimeout   longest one render may take
 * @param maxLoops        most {@code for} loops a template may hold (Prefect: 10)
 * @param maxLoopNesting  deepest nesting of {@code for} loops (Prefect: 2)
 * @param maxStringLength longest string a template may build
 * @param maxCollectionSize largest list or map a template may build
 */
public record TemplateLimits(long maxOutputChars, int rangeLimit, int maxRenderDepth, Duration renderTimeout,
                             int maxLoops, int maxLoopNesting, long maxStringLength, int maxCollectionSize) {

    private static final long DEFAULT_OUTPUT_CHARS = 256 * 1024;
    private static final int PREFECT_RANGE_LIMIT = 100;
    private static final int DEFAULT_RENDER_DEPTH = 10;
    private static final Duration DEFAULT_RENDER_TIMEOUT = Duration.ofSeconds(2);
    private static final int PREFECT_MAX_LOOPS = 10;
    private static final int PREFECT_MAX_LOOP_NESTING = 2;
    private static final int DEFAULT_COLLECTION_SIZE = 10_000;

    public static final TemplateLimits DEFAULTS = new TemplateLimits(DEFAULT_OUTPUT_CHARS, PREFECT_RANGE_LIMIT,
            DEFAULT_RENDER_DEPTH, DEFAULT_RENDER_TIMEOUT, PREFECT_MAX_LOOPS, PREFECT_MAX_LOOP_NESTING,
            DEFAULT_OUTPUT_CHARS, DEFAULT_COLLECTION_SIZE);

    public TemplateLimits withRenderTimeout(Duration timeout) {
        return new TemplateLimits(maxOutputChars, rangeLimit, maxRenderDepth, timeout, maxLoops, maxLoopNesting,
                maxStringLength, maxCollectionSize);
    }

    public TemplateLimits withMaxOutputChars(long chars) {
        return new TemplateLimits(chars, rangeLimit, maxRenderDepth, renderTimeout, maxLoops, maxLoopNesting,
                Math.min(maxStringLength, chars), maxCollectionSize);
    }
}
