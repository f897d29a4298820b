package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import java.util.Map;

/**
 * Renders with one root context per thread instead of one per render.
 * <p>
 * {@link Jinjava#renderForResult} builds a fresh parentless copy of the global context for every render,
 * which re-registers every built-in filter, function, tag and test: about 130 µs, against 7 µs for a
 * small template rendered under a reused root. The root cannot be shared between threads, because a
 * render records what it resolved in every context up the chain (for HubSpot's dependency tracking).
 * So each thread keeps its own copy, built the same way, and clears those records after each render,
 * as Jinjava does with its global context. The template's own variables live in a per-render child
 * context and never reach the root.
 */
final class RenderRoots {

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final ThreadLocal<Context> roots;

    RenderRoots(Jinjava jinjava) {
        this.jinjava = jinjava;
        this.config = jinjava.getGlobalConfig();
        this.roots = ThreadLocal.withInitial(() -> copyOf(jinjava.getGlobalContext()));
    }

    /** As {@link Jinjava#renderForResult(String, Map)}, errors included. */
    RenderResult render(String template, Map<String, ?> bindings) {
        Context root = roots.get();
        Context context = new Context(root, bindings, config.getDisabled());
        JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(jinjava, context, config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String output = interpreter.render(template);
            if (!config.isKeepTrailingNewline() && output.endsWith("\n")) {
                output = output.substring(0, output.length() - 1);
            }
            return new RenderResult(output, context, interpreter.getErrorsCopy());
        } catch (TemplateSyntaxException e) {
            return new RenderResult(TemplateError.fromException(e), context, interpreter.getErrorsCopy());
        } catch (InterpretException e) {
            return new RenderResult(TemplateError.fromSyntaxError(e), context, interpreter.getErrorsCopy());
        } catch (InvalidArgumentException e) {
            return new RenderResult(TemplateError.fromInvalidArgumentException(e), context, interpreter.getErrorsCopy());
        } catch (InvalidInputException e) {
            return new RenderResult(TemplateError.fromInvalidInputException(e), context, interpreter.getErrorsCopy());
        } finally {
            JinjavaInterpreter.popCurrent();
            root.reset();
        }
    }

    /** A parentless copy of the global context: built-ins, plus what was registered on the global context. */
    private static Context copyOf(Context global) {
        Context root = new Context(null, global);
        global.getAllExpTests().forEach(root::registerExpTest);
        global.getAllFilters().forEach(root::registerFilter);
        global.getAllFunctions().forEach(root::registerFunction);
        global.getAllTags().forEach(root::registerTag);
        root.setAutoEscape(global.isAutoEscape());
        root.setDynamicVariableResolver(global.getDynamicVariableResolver());
        return root;
    }
}
