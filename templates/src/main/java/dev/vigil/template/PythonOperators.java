package dev.vigil.template;

/**
 * Makes Python's operator spelling parse in Jinjava. Jinjava's scanner reads {@code +1} right after an
 * operand as a signed number literal, so {@code {{ 1+1 }}}, {@code {{ x+1 }}} and
 * {@code {{ x|default(1)+1 }}} (valid Jinja) fail to parse. Inside {@code {{ }}} and {@code {% %}}, outside
 * string literals and {@code raw} blocks, a space is put after every binary {@code +} that a digit follows;
 * nothing else changes, so lines stay where they are.
 */
final class PythonOperators {

    private PythonOperators() {
    }

    static String normalize(String template) {
        if (!JinjaEnvironment.isTemplate(template) || template.indexOf('+') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 8);
        boolean inside = false;
        char quote = 0;
        int length = template.length();
        for (int i = 0; i < length; i++) {
            char c = template.charAt(i);
            if (!inside) {
                if (c == '{' && i + 1 < length && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '%')) {
                    int raw = rawBlockEnd(template, i);
                    if (raw > i) {
                        out.append(template, i, raw);
                        i = raw - 1;
                        continue;
                    }
                    inside = true;
                    out.append(c).append(template.charAt(i + 1));
                    i++;
                    continue;
                }
                out.append(c);
                continue;
            }
            out.append(c);
            if (quote != 0) {
                if (c == '\\' && i + 1 < length) {
                    out.append(template.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ((c == '}' || c == '%') && i + 1 < length && template.charAt(i + 1) == '}') {
                inside = false;
                out.append('}');
                i++;
            } else if (c == '+' && i + 1 < length && Character.isDigit(template.charAt(i + 1))
                    && !exponentSign(template, i)) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** The {@code +} of a number's exponent, as in {@code 1e+5}. */
    private static boolean exponentSign(String template, int plus) {
        return plus >= 2 && (template.charAt(plus - 1) == 'e' || template.charAt(plus - 1) == 'E')
                && Character.isDigit(template.charAt(plus - 2));
    }

    /** Where the {@code {% endraw %}} closing a {@code {% raw %}} tag at {@code open} ends, or -1. */
    private static int rawBlockEnd(String template, int open) {
        if (template.charAt(open + 1) != '%') {
            return -1;
        }
        int close = template.indexOf("%}", open + 2);
        if (close < 0 || !template.substring(open + 2, close).replace("-", "").replace("+", "").strip()
                .equals("raw")) {
            return -1;
        }
        java.util.regex.Matcher end = java.util.regex.Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}")
                .matcher(template);
        return end.find(close) ? end.end() : -1;
    }
}
