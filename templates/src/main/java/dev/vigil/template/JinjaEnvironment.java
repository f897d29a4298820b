package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.errorcategory.BasicTemplateErrorCategory;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sandboxed Jinja environment for every user-written template (action fields, webhook
 * templates). Shared by the evaluator (save-time validation, backtest) and the actuator, so all
 * render identically. As in Prefect: undefined names render empty, a string without {@code {{}
 * or {@code {%} is used verbatim, the template's single trailing newline is dropped, there is no
 * template loader ({@code include}, {@code import}, {@code extends} fail) and nothing can be mutated.
 * Every render is bounded while it runs by {@link TemplateLimits} (output, every intermediate string and
 * list, loop iterations, macro recursion, a CPU deadline): a render that would break a bound fails with
 * a {@link TemplateRenderException} instead of allocating, and no Java method beyond Prefect's dict, list
 * and string methods can be called. Rendering is CPU work bounded by {@link TemplateLimits#renderTimeout()}:
 * callers on an event loop should run it on a worker thread.
 */
public final class JinjaEnvironment {

    /** Tags that would load other templates: there is no loader, as in Prefect. */
    private static final Set<String> DISABLED_TAGS = Set.of("include", "import", "from", "extends");
    /**
     * Jinjava filters that Jinja has not: {@code render} renders a string as a template, and
     * {@code regex_replace} runs a user's regex, whose backtracking one node can spend unbounded CPU on.
     */
    private static final Set<String> DISABLED_FILTERS = Set.of("render", "regex_replace");

    private final RenderRoots renderer;
    private final RenderBudget budget;
    private final TemplateValidator validator;
    private final TemplateLimits limits;

    public JinjaEnvironment(TemplateLimits limits, String uiUrl) {
        this.limits = limits;
        this.budget = new RenderBudget(limits);
        this.renderer = new RenderRoots(create(limits, uiUrl, false));
        this.validator = new TemplateValidator(create(limits, uiUrl, true), limits, budget);
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
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(limits.maxMacroDepth())
                .withNestedInterpretationEnabled(false)
                .withElResolver(new SandboxResolver(limits))
                .withRestrictedMethods(Sandbox.RESTRICTED_METHODS)
                .withRestrictedProperties(Sandbox.RESTRICTED_PROPERTIES)
                .withDisabled(Map.of(Context.Library.TAG, DISABLED_TAGS, Context.Library.FILTER, DISABLED_FILTERS))
                .withValidationMode(validationMode)
                .withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor(budget).build())
                .build();
        Jinjava engine = new PyJinjava(config);
        engine.setResourceLocator(NO_TEMPLATES);
        engine.getGlobalContext().registerTag(new PairForTag());
        engine.getGlobalContext().registerFilter(new UiUrlFilter(uiUrl));
        engine.getGlobalContext().registerFunction(PyRange.definition());
        Context global = engine.getGlobalContext();
        List.copyOf(global.getAllFilters()).forEach(f -> global.registerFilter(new BoundedFilter(f, limits)));
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
        String source = PythonOperators.normalize(template);
        ExpressionNesting.tooDeep(source, limits.maxNestingDepth()).ifPresent(problem -> {
            throw new TemplateRenderException("Template rendering failed: " + problem);
        });
        RenderResult result;
        try (RenderBudget.Scope scope = budget.start()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> bindings = (Map<String, Object>) context;
            result = renderer.render(source, bindings);
            if (scope.broken().isPresent()) {
                throw new TemplateRenderException("Template rendering failed: " + scope.broken().get());
            }
        } catch (TemplateRenderException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new TemplateRenderException("Template rendering failed: the template is nested too deeply");
        } catch (Exception e) {
            throw new TemplateRenderException("Template rendering failed: " + e.getMessage());
        }
        String fatal = result.getErrors().stream()
                .filter(JinjaEnvironment::fatal)
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
        Optional<TemplateProblem> tooDeep = ExpressionNesting.tooDeep(template, limits.maxNestingDepth());
        if (tooDeep.isPresent()) {
            return List.of(tooDeep.get());
        }
        try {
            return validator.validate(PythonOperators.normalize(template));
        } catch (StackOverflowError e) {
            return List.of(new TemplateProblem(0, "The template is nested too deeply"));
        }
    }

    /** Fatal errors, and a macro past its recursion depth (Jinjava only warns and renders it empty). */
    static boolean fatal(TemplateError error) {
        return error.getSeverity() == TemplateError.ErrorType.FATAL
                || error.getCategory() == BasicTemplateErrorCategory.CYCLE_DETECTED;
    }

    private static String describe(TemplateError error) {
        return error.getLineno() > 0 ? "line " + error.getLineno() + ": " + error.getMessage() : error.getMessage();
    }
}
