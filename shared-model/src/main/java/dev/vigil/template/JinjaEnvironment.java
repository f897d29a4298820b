package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sandboxed Jinja environment for every user-written template (action fields, webhook
 * templates). Shared by the evaluator (save-time validation, backtest) and the actuator, so all
 * render identically. As in Prefect: undefined names render empty, a string without {@code {{}
 * or {@code {%} is used verbatim, the template's single trailing newline is dropped, there is no
 * template loader ({@code include}, {@code import}, {@code extends} fail) and nothing can be mutated.
 * Rendering is CPU work bounded by {@link TemplateLimits#renderTimeout()}: callers on an event loop
 * should run it on a worker thread.
 */
public final class JinjaEnvironment {

    /** Tags that would load other templates: there is no loader, as in Prefect. */
    private static final Set<String> DISABLED_TAGS = Set.of("include", "import", "from", "extends");

    private final RenderRoots renderer;
    private final RenderDeadline deadline;
    private final TemplateValidator validator;

    public JinjaEnvironment(TemplateLimits limits, String uiUrl) {
        this.deadline = new RenderDeadline(limits.renderTimeout());
        this.renderer = new RenderRoots(create(limits, uiUrl, false));
        this.validator = new TemplateValidator(create(limits, uiUrl, true), limits);
    }

    public JinjaEnvironment(TemplateLimits limits) {
        this(limits, null);
    }

    public JinjaEnvironment() {
        this(TemplateLimits.DEFAULTS);
    }

    private Jinjava create(TemplateLimits limits, String uiUrl, boolean validationMode) {
        LegacyOverrides python = LegacyOverrides.newBuilder()
                // Jinjava's validation mode loops over a dummy map whose keys are null, so only real renders use keys.
                .withIterateOverMapKeys(!validationMode)
                .withUsePyishObjectMapper(true)
                .withUseNaturalOperatorPrecedence(true)
                .withKeepNullableLoopValues(true)
                .build();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withLegacyOverrides(python)
                .withFailOnUnknownTokens(false)
                .withKeepTrailingNewline(false)
                .withMaxOutputSize(limits.maxOutputChars())
                .withMaxStringLength(limits.maxStringLength())
                .withMaxListSize(limits.maxCollectionSize())
                .withMaxMapSize(limits.maxCollectionSize())
                .withRangeLimit(limits.rangeLimit())
                .withMaxRenderDepth(limits.maxRenderDepth())
                .withEnableRecursiveMacroCalls(false)
                .withNestedInterpretationEnabled(false)
                .withReadOnlyResolver(true)
                .withRestrictedMethods(Sandbox.RESTRICTED_METHODS)
                .withRestrictedProperties(Sandbox.RESTRICTED_PROPERTIES)
                .withDisabled(Map.of(Context.Library.TAG, DISABLED_TAGS))
                .withValidationMode(validationMode)
                .withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor(deadline).build())
                .build();
        Jinjava engine = new Jinjava(config);
        engine.setResourceLocator(NO_TEMPLATES);
        engine.getGlobalContext().registerTag(new PairForTag());
        engine.getGlobalContext().registerFilter(new UiUrlFilter(uiUrl));
        return engine;
    }

    private static final ResourceLocator NO_TEMPLATES = (name, encoding, interpreter) -> {
        throw new ResourceNotFoundException("Templates cannot load other templates");
    };

    /** Prefect renders a string only when it contains {@code {{} or {@code {%}; anything else is used verbatim. */
    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    /** True when the template mentions {@code name} as a word, e.g. whether it needs {@code flow_run} fetched. */
    public static boolean mentions(String template, String name) {
        return isTemplate(template) && template.matches("(?s).*(?<![\\w.])" + java.util.regex.Pattern.quote(name)
                + "(?!\\w).*");
    }

    /**
     * Renders with the caps of this environment.
     *
     * @throws TemplateRenderException with a reason safe to show to the user
     */
    public String render(String template, Map<String, ?> context) {
        if (!isTemplate(template)) {
            return template == null ? "" : template;
        }
        RenderResult result;
        try (AutoCloseable ignored = deadline.start()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> bindings = (Map<String, Object>) context;
            result = renderer.render(template, bindings);
        } catch (TemplateRenderException e) {
            throw e;
        } catch (Exception e) {
            throw new TemplateRenderException("Template rendering failed: " + e.getMessage());
        }
        String fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(JinjaEnvironment::describe)
                .distinct()
                .collect(Collectors.joining("; "));
        if (!fatal.isEmpty()) {
            throw new TemplateRenderException("Template rendering failed: " + fatal);
        }
        return result.getOutput();
    }

    /**
     * Save-time validation (Prefect's rules): the template parses, has at most 10 {@code for}
     * loops, nested at most 2 deep. Empty when valid.
     */
    public List<TemplateProblem> validate(String template) {
        return validator.validate(template);
    }

    private static String describe(TemplateError error) {
        return error.getLineno() > 0 ? "line " + error.getLineno() + ": " + error.getMessage() : error.getMessage();
    }
}
