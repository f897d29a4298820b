package dev.vigil.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Python string methods a template may call ({@code s.upper()}, {@code s.split(',')}, …), with
 * Python's meaning rather than Java's (a {@code split} separator is literal, not a regex), and held to
 * the render's bounds before anything is allocated.
 */
final class PyStrings {

    static final Set<String> METHODS = Set.of("upper", "lower", "strip", "lstrip", "rstrip", "startswith",
            "endswith", "split", "replace");

    private final TemplateLimits limits;

    PyStrings(TemplateLimits limits) {
        this.limits = limits;
    }

    Object call(JinjavaInterpreter interpreter, String text, String method, Object[] args) {
        return switch (method) {
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "strip" -> text.strip();
            case "lstrip" -> text.stripLeading();
            case "rstrip" -> text.stripTrailing();
            case "startswith" -> text.startsWith(arg(args, 0));
            case "endswith" -> text.endsWith(arg(args, 0));
            case "split" -> split(interpreter, text, args.length > 0 && args[0] != null ? arg(args, 0) : null);
            case "replace" -> replace(interpreter, text, arg(args, 0), arg(args, 1));
            default -> throw new IllegalArgumentException(method);
        };
    }

    private List<String> split(JinjavaInterpreter interpreter, String text, String separator) {
        if (separator == null) {
            String stripped = text.strip();
            return stripped.isEmpty() ? List.of() : bounded(interpreter, List.of(stripped.split("\\s+")));
        }
        if (separator.isEmpty()) {
            throw RenderBudget.refuse(interpreter, "split: empty separator");
        }
        long pieces = BoundedFilter.count(text, separator) + 1;
        if (pieces > limits.maxCollectionSize()) {
            throw RenderBudget.refuse(interpreter, "split: " + pieces + " pieces are over the limit of "
                    + limits.maxCollectionSize());
        }
        List<String> parts = new ArrayList<>((int) pieces);
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return parts;
    }

    private List<String> bounded(JinjavaInterpreter interpreter, List<String> parts) {
        if (parts.size() > limits.maxCollectionSize()) {
            throw RenderBudget.refuse(interpreter, "split: " + parts.size() + " pieces are over the limit of "
                    + limits.maxCollectionSize());
        }
        return parts;
    }

    private String replace(JinjavaInterpreter interpreter, String text, String old, String replacement) {
        long occurrences = old.isEmpty() ? text.length() + 1 : BoundedFilter.count(text, old);
        double length = text.length() + (double) occurrences * (replacement.length() - old.length());
        if (length > limits.maxStringLength()) {
            throw RenderBudget.refuse(interpreter, "replace: result of " + (long) Math.min(length, Long.MAX_VALUE)
                    + " characters is over the limit of " + limits.maxStringLength());
        }
        return text.replace(old, replacement);
    }

    private static String arg(Object[] args, int index) {
        if (args.length <= index || args[index] == null) {
            throw new IllegalArgumentException("missing argument " + (index + 1));
        }
        return args[index].toString();
    }
}
