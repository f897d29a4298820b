package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sandboxed Jinja environment for every user-written template (action fields, webhook
 * templates). Shared by the evaluator (backtest) and the actuator, so both render identically.
 * Undefined names render as empty, as in Prefect.
 */
public final class JinjaEnvironment {

    private final Jinjava jinjava;

    public JinjaEnvironment(TemplateLimits limits) {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(false)
                .withMaxOutputSize(limits.maxOutputChars())
                .withRangeLimit(limits.rangeLimit())
                .withMaxRenderDepth(limits.maxRenderDepth())
                .withIterateOverMapKeys(true)
                .withEnableRecursiveMacroCalls(false)
                .withNestedInterpretationEnabled(false)
                .build();
        this.jinjava = new Jinjava(config);
    }

    public JinjaEnvironment() {
        this(TemplateLimits.DEFAULTS);
    }

    /** Prefect renders a string only when it contains {@code {{} or {@code {%}; anything else is used verbatim. */
    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    public String render(String template, Map<String, ?> context) {
        if (!isTemplate(template)) {
            return template == null ? "" : template;
        }
        @SuppressWarnings("unchecked")
        RenderResult result = jinjava.renderForResult(template, (Map<String, Object>) context);
        String fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(JinjaEnvironment::describe)
                .collect(Collectors.joining("; "));
        if (!fatal.isEmpty()) {
            throw new TemplateRenderException("Template rendering failed: " + fatal);
        }
        return result.getOutput();
    }

    private static String describe(TemplateError error) {
        return error.getLineno() > 0 ? "line " + error.getLineno() + ": " + error.getMessage() : error.getMessage();
    }
}
