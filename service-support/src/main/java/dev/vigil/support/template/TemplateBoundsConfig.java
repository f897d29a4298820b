package dev.vigil.support.template;

import dev.vigil.template.TemplateLimits;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code vigil.templates.*}: the bounds of every Jinja render in this service (actions, webhooks,
 * validation). A key left unset keeps its default from {@link TemplateLimits#DEFAULTS}, the one place the
 * defaults live; the "Template bounds" table of docs/security.md lists them.
 */
@ConfigMapping(prefix = "vigil.templates")
public interface TemplateBoundsConfig {

    /** Longest rendered output, in characters (default 1 MiB). */
    OptionalLong maxOutputChars();

    /** Longest string a template may build, intermediate ones included (default 1 MiB). */
    OptionalLong maxStringLength();

    /** Largest list or map a template may build, intermediate ones included (default 10,000). */
    OptionalInt maxCollectionSize();

    /** Most loop iterations of one render, all loops together (default 100,000). */
    OptionalInt maxLoopIterations();

    /** Deepest recursion of one macro (default 20). */
    OptionalInt maxMacroDepth();

    /** Deepest nesting of brackets in one expression (default 50). */
    OptionalInt maxNestingDepth();

    /** Largest {@code range()} (default 100, as Prefect). */
    OptionalInt rangeLimit();

    /** CPU deadline of one render (default 2 s). */
    Optional<Duration> renderTimeout();

    /** The bounds: the defaults with what is configured. */
    default TemplateLimits limits() {
        TemplateLimits d = TemplateLimits.DEFAULTS;
        return new TemplateLimits(maxOutputChars().orElse(d.maxOutputChars()), rangeLimit().orElse(d.rangeLimit()),
                d.maxRenderDepth(), renderTimeout().orElse(d.renderTimeout()), d.maxLoops(), d.maxLoopNesting(),
                maxStringLength().orElse(d.maxStringLength()), maxCollectionSize().orElse(d.maxCollectionSize()),
                maxLoopIterations().orElse(d.maxLoopIterations()), maxMacroDepth().orElse(d.maxMacroDepth()),
                maxNestingDepth().orElse(d.maxNestingDepth()));
    }
}
