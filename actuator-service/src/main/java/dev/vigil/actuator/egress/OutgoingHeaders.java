package dev.vigil.actuator.egress;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which headers a user-configured call may carry: RFC 7230 token names, values without control
 * characters (CR/LF would split the request), and none of the headers that frame the message or the
 * connection, which the client sets itself. A problem is described by name only, never by value.
 */
public final class OutgoingHeaders {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> FORBIDDEN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "keep-alive", "te", "trailer");
    private static final String PROXY_PREFIX = "proxy-";
    private static final char TAB = '\t';
    private static final char SPACE = ' ';
    private static final char DELETE = 0x7f;

    private OutgoingHeaders() {
    }

    public static boolean isToken(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /** What is wrong with the name, empty when it is fine. */
    public static Optional<String> nameProblem(String name) {
        if (!isToken(name)) {
            return Optional.of("Header names must be RFC 7230 tokens (letters, digits and !#$%&'*+.^_`|~-)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (FORBIDDEN.contains(lower) || lower.startsWith(PROXY_PREFIX)) {
            return Optional.of("Header '" + name + "' is set by Vigil's HTTP client and cannot be configured");
        }
        return Optional.empty();
    }

    /** What is wrong with the value, empty when it is fine; never repeats the value. */
    public static Optional<String> valueProblem(String value) {
        if (value == null) {
            return Optional.of("Header values must be strings");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < SPACE && c != TAB) || c == DELETE) {
                return Optional.of("Header values must not contain CR, LF or other control characters");
            }
        }
        return Optional.empty();
    }

    /** The first problem of a header, named without its value; empty when it may be sent. */
    public static Optional<String> problem(String name, String value) {
        Optional<String> badName = nameProblem(name);
        if (badName.isPresent()) {
            return badName;
        }
        return valueProblem(value).map(p -> p + " (header '" + name + "')");
    }
}
