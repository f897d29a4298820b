package dev.vigil.template;

/**
 * Render-time caps for user templates.
 *
 * @param maxOutputChars  longest rendered output
 * @param rangeLimit      largest {@code range()} a template may build (Prefect: 100)
 * @param maxRenderDepth  deepest nested rendering
 */
public record TemplateLimits(long maxOutputChars, int rangeLimit, int maxRenderDepth) {

    public static final TemplateLimits DEFAULTS = new TemplateLimits(256 * 1024, 100, 10);
}
