package dev.vigil.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A built-in filter held to the render's bounds. Before the filter runs, the arguments that set the
 * size of its result (a {@code center} width, a {@code batch} size, the widths inside a {@code format}
 * string, what a {@code replace} would grow to, …) are checked, so a hostile size is refused before
 * anything is allocated; after it runs, its result must fit the string and collection caps, so no chain
 * of filters can grow past them step by step. Each call also checks the render's deadline.
 */
final class BoundedFilter implements Filter {

    /** More digits than any double holds; a larger {@code round} precision only costs memory. */
    private static final int MAX_ROUND_PRECISION = 100;
    /** Widths and precisions of {@code %} specifiers, as {@link java.util.Formatter} reads them. */
    private static final Pattern FORMAT_SPEC = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?");

    /** Jinja's {@code default} and its alias. */
    private static final java.util.Set<String> DEFAULT_NAMES = java.util.Set.of("default", "d");

    /** Filters that iterate their value: on a resource's labels they see {@code (label, value)} pairs, as in Prefect. */
    private static final java.util.Set<String> ITERATING = java.util.Set.of("sort", "list", "first", "last",
            "reverse", "unique", "batch", "slice", "join", "map", "select", "reject", "selectattr", "rejectattr");

    private final Filter delegate;
    private final TemplateLimits limits;

    BoundedFilter(Filter delegate, TemplateLimits limits) {
        this.delegate = delegate;
        this.limits = limits;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean preserveSafeString() {
        return delegate.preserveSafeString();
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        before(var, interpreter, args, Map.of());
        return after(delegate.filter(var, interpreter, args), interpreter);
    }

    @Override
    public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
        before(var, interpreter, args, Map.of());
        return after(delegate.filter(var, interpreter, args), interpreter);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        before(var, interpreter, args, kwargs);
        if (DEFAULT_NAMES.contains(getName())) {
            return after(jinjaDefault(var, args, kwargs), interpreter);
        }
        if (var instanceof LabelDiver labels && ITERATING.contains(getName())) {
            return after(pairs(labels, args, kwargs), interpreter);
        }
        return after(delegate.filter(var, interpreter, args, kwargs), interpreter);
    }

    /**
     * Jinja's {@code default(value, default_value='', boolean=False)}: the default value as written (a number stays
     * a number, so {@code x|default(1)+1} is 2), when the value is undefined, or falsy with {@code boolean}.
     */
    private static Object jinjaDefault(Object var, Object[] args, Map<String, Object> kwargs) {
        Object fallback = args != null && args.length > 0 ? args[0] : kwargs.getOrDefault("default_value", "");
        Object flag = args != null && args.length > 1 ? args[1] : kwargs.get("boolean");
        boolean onFalsy = flag != null && com.hubspot.jinjava.util.ObjectTruthValue.evaluate(flag);
        boolean missing = var == null || onFalsy && !com.hubspot.jinjava.util.ObjectTruthValue.evaluate(var);
        return missing ? fallback : var;
    }

    /** Labels through an iterating filter: {@code sort} orders the pairs as Python orders tuples. */
    private Object pairs(LabelDiver labels, Object[] args, Map<String, Object> kwargs) {
        java.util.List<LabelPair> pairs = new java.util.ArrayList<>(labels.pairs());
        if (getName().equals("sort")) {
            Object reverse = args != null && args.length > 0 ? args[0] : kwargs.get("reverse");
            java.util.Collections.sort(pairs);
            if (reverse != null && com.hubspot.jinjava.util.ObjectTruthValue.evaluate(reverse)) {
                java.util.Collections.reverse(pairs);
            }
            return pairs;
        }
        return delegate.filter(pairs, JinjavaInterpreter.getCurrent(), args, kwargs);
    }

    private void before(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        RenderBudget.check(interpreter);
        switch (getName()) {
            case "center", "wordwrap", "truncate", "truncatehtml" ->
                    numbers(args, kwargs).forEach(n -> atMost(interpreter, n, limits.maxStringLength(), "width"));
            case "batch", "slice" ->
                    numbers(args, kwargs).forEach(n -> atMost(interpreter, n, limits.maxCollectionSize(), "size"));
            case "round" -> numbers(args, kwargs).forEach(n -> atMost(interpreter, Math.abs(n), MAX_ROUND_PRECISION,
                    "precision"));
            case "indent" -> indent(var, interpreter, args, kwargs);
            case "format" -> format(var, interpreter);
            case "replace" -> replace(var, interpreter, args);
            case "split" -> split(var, interpreter, args);
            case "join" -> join(var, interpreter, args);
            case "list" -> {
                if (var instanceof CharSequence text) {
                    atMost(interpreter, text.length(), limits.maxCollectionSize(), "list size");
                }
            }
            default -> {
            }
        }
    }

    private Object after(Object result, JinjavaInterpreter interpreter) {
        long size;
        String unit;
        if (result instanceof CharSequence text) {
            size = text.length();
            unit = "characters";
            if (size > limits.maxStringLength()) {
                throw refuse(interpreter, "result of " + size + " " + unit + " is over the limit of "
                        + limits.maxStringLength());
            }
        } else if (result instanceof Collection<?> || result instanceof Map<?, ?> || result instanceof Object[]) {
            size = result instanceof Collection<?> c ? c.size()
                    : result instanceof Map<?, ?> m ? m.size() : ((Object[]) result).length;
            if (size > limits.maxCollectionSize()) {
                throw refuse(interpreter, "result of " + size + " items is over the limit of "
                        + limits.maxCollectionSize());
            }
        }
        return result;
    }

    private void indent(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        String text = String.valueOf(var);
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        double width = numbers(args, kwargs).findFirst().orElse(0.0);
        atMost(interpreter, width * lines + text.length(), limits.maxStringLength(), "indented length");
    }

    private void format(Object var, JinjavaInterpreter interpreter) {
        String pattern = String.valueOf(var);
        Matcher spec = FORMAT_SPEC.matcher(pattern);
        double total = pattern.length();
        while (spec.find()) {
            total += digits(spec.group(1)) + digits(spec.group(2));
        }
        atMost(interpreter, total, limits.maxStringLength(), "formatted length");
    }

    private void replace(Object var, JinjavaInterpreter interpreter, Object[] args) {
        if (var == null || args.length < 2 || args[0] == null || args[1] == null) {
            return;
        }
        String text = var.toString();
        String old = args[0].toString();
        String replacement = args[1].toString();
        long occurrences = old.isEmpty() ? 0 : count(text, old);
        if (args.length > 2 && args[2] != null) {
            OptionalDouble most = number(args[2]);
            if (most.isPresent() && most.getAsDouble() >= 0) {
                occurrences = (long) Math.min(occurrences, most.getAsDouble());
            }
        }
        atMost(interpreter, text.length() + (double) occurrences * (replacement.length() - old.length()),
                limits.maxStringLength(), "replaced length");
    }

    private void split(Object var, JinjavaInterpreter interpreter, Object[] args) {
        if (var == null) {
            return;
        }
        String text = var.toString();
        String separator = args.length > 0 && args[0] != null ? args[0].toString() : " ";
        long pieces = separator.isEmpty() ? text.length() : count(text, separator) + 1;
        atMost(interpreter, pieces, limits.maxCollectionSize(), "number of pieces");
    }

    /** Jinjava's {@code join} would cut its result at the string cap without saying so; refuse instead. */
    private void join(Object var, JinjavaInterpreter interpreter, Object[] args) {
        if (!(var instanceof Collection<?> items)) {
            return;
        }
        double separator = args.length > 0 && args[0] != null ? args[0].toString().length() : 0;
        double total = separator * Math.max(0, items.size() - 1);
        for (Object item : items) {
            total += item instanceof CharSequence text ? text.length() : 0;
        }
        atMost(interpreter, total, limits.maxStringLength(), "joined length");
    }

    static long count(String text, String part) {
        long n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private void atMost(JinjavaInterpreter interpreter, double value, double limit, String what) {
        if (value > limit) {
            throw refuse(interpreter, what + " " + (long) Math.min(value, Long.MAX_VALUE) + " is over the limit of "
                    + (long) limit);
        }
    }

    private RenderBudget.BoundExceeded refuse(JinjavaInterpreter interpreter, String reason) {
        return RenderBudget.refuse(interpreter, "filter '" + getName() + "': " + reason);
    }

    private static double digits(String number) {
        if (number == null) {
            return 0;
        }
        return number.length() > String.valueOf(Integer.MAX_VALUE).length() ? Double.MAX_VALUE
                : Double.parseDouble(number);
    }

    private static Stream<Double> numbers(Object[] args, Map<String, Object> kwargs) {
        return Stream.concat(Stream.of(args), kwargs.values().stream())
                .map(BoundedFilter::number)
                .filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble);
    }

    static OptionalDouble number(Object value) {
        if (value instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        if (value instanceof CharSequence text) {
            try {
                return OptionalDouble.of(Double.parseDouble(text.toString().trim()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
