package dev.vigil.model.event;

/** Full-string, case-sensitive glob matching with {@code *}, {@code ?} and {@code [...]} classes (as fnmatchcase). */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String pattern, String value) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
            return pattern.equals(value);
        }
        return matchFrom(pattern, 0, value, 0);
    }

    private static boolean matchFrom(String pattern, int p, String value, int v) {
        int starP = -1;
        int starV = -1;
        while (v < value.length()) {
            if (p < pattern.length()) {
                char c = pattern.charAt(p);
                if (c == '*') {
                    starP = p++;
                    starV = v;
                    continue;
                }
                if (c == '?') {
                    p++;
                    v++;
                    continue;
                }
                if (c == '[') {
                    int end = classEnd(pattern, p);
                    if (end > 0) {
                        if (classMatches(pattern, p + 1, end, value.charAt(v))) {
                            p = end + 1;
                            v++;
                            continue;
                        }
                    } else if (value.charAt(v) == '[') {
                        p++;
                        v++;
                        continue;
                    }
                } else if (c == value.charAt(v)) {
                    p++;
                    v++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            v = ++starV;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Index of the closing bracket of a class starting at {@code open}, or -1 if unterminated. */
    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '!') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            i++;
        }
        return i < pattern.length() ? i : -1;
    }

    private static boolean classMatches(String pattern, int from, int end, char ch) {
        boolean negate = pattern.charAt(from) == '!';
        int i = negate ? from + 1 : from;
        boolean found = false;
        boolean first = true;
        while (i < end) {
            char lo = pattern.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                if (lo <= ch && ch <= pattern.charAt(i + 2)) {
                    found = true;
                }
                i += 3;
            } else {
                if (lo == ch) {
                    found = true;
                }
                i++;
            }
        }
        return found != negate;
    }
}
