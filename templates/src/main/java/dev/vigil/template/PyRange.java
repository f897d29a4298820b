package dev.vigil.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.fn.Functions;
import java.util.List;

/**
 * {@code range()} that refuses to build more items than {@code vigil.templates.range-limit} allows, with a
 * render error naming the bound, instead of Jinjava's silent cut to the first {@code limit} items (which
 * would change what the template says).
 */
public final class PyRange {

    private PyRange() {
    }

    static ELFunctionDefinition definition() {
        return new ELFunctionDefinition("", "range", PyRange.class, "range", Object.class, Object[].class);
    }

    public static List<Integer> range(Object first, Object... rest) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        if (interpreter != null) {
            long size = size(first, rest);
            int limit = interpreter.getConfig().getRangeLimit();
            if (size > limit) {
                throw RenderBudget.refuse(interpreter, "range() of " + size + " items is over the limit of " + limit
                        + " (vigil.templates.range-limit)");
            }
        }
        return Functions.range(first, rest);
    }

    /** How many items Python's {@code range(...)} gives for these arguments; 0 when they are not numbers. */
    static long size(Object first, Object... rest) {
        try {
            long start = 0;
            long stop;
            long step = 1;
            if (rest == null || rest.length == 0) {
                stop = number(first);
            } else {
                start = number(first);
                stop = number(rest[0]);
                if (rest.length > 1) {
                    step = number(rest[1]);
                }
            }
            if (step == 0) {
                return 0;
            }
            long span = step > 0 ? stop - start : start - stop;
            long stride = Math.abs(step);
            return span <= 0 ? 0 : (span + stride - 1) / stride;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return (long) Double.parseDouble(String.valueOf(value).strip());
    }
}
