package dev.vigil.support.auth;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one table of what each call needs, for every service: paths as the REST layer sees them (the
 * workspace prefix already removed). A call no rule names needs {@link Permission#READ} for GET and
 * HEAD and {@link Permission#WRITE} for any other method, so a new endpoint is never open by mistake.
 */
public final class AccessRules {

    private record Rule(Set<String> methods, Pattern path, Permission needs) {
        boolean matches(String method, String path) {
            return (methods.isEmpty() || methods.contains(method)) && this.path.matcher(path).matches();
        }
    }

    private static final Set<String> ANY = Set.of();
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> GET = Set.of("GET");

    /**
     * Open by design: the webhook slug is its own credential; health checks carry nothing ({@code /api/health} is
     * open in Prefect's server too); the OpenAPI document is public (the console serves the merged one at
     * {@code /api/openapi.json}, as Prefect serves its own).
     */
    private static final Pattern OPEN = Pattern.compile("^(/hooks/.*|/health|/api/health|/q/health(/.*)?|/q/openapi)$");

    private static final List<Rule> RULES = List.of(
            new Rule(ANY, Pattern.compile("^/api/api_keys(/.*)?$"), Permission.MANAGE_KEYS),
            new Rule(POST, Pattern.compile("^/api/events$"), Permission.EMIT_EVENTS),
            // The websocket handshake; a client may also authenticate in its first frame instead.
            new Rule(GET, Pattern.compile("^/api/events/in$"), Permission.EMIT_EVENTS),
            new Rule(POST, Pattern.compile("^/api/events/(filter|count-by/[^/]+)$"), Permission.READ),
            new Rule(POST, Pattern.compile("^/api/automations/(filter|count|backtest|templates/validate)$"),
                    Permission.READ),
            new Rule(POST, Pattern.compile("^/api/automations/[^/]+/explain$"), Permission.READ),
            new Rule(POST, Pattern.compile("^/api/templates/validate$"), Permission.READ),
            new Rule(POST, Pattern.compile("^/api/(block_documents|block_types|block_schemas)/filter$"), Permission.READ),
            // Renders a draft template against a request; publishes nothing.
            new Rule(POST, Pattern.compile("^/api/webhooks/[^/]+/test$"), Permission.READ));

    private AccessRules() {
    }

    /** True for the paths anyone may call. */
    public static boolean isOpen(String method, String path) {
        return "OPTIONS".equals(method) || OPEN.matcher(path).matches();
    }

    /** What a call to a path that is not open needs. */
    public static Permission required(String method, String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Rule rule : RULES) {
            if (rule.matches(method, normalized)) {
                return rule.needs();
            }
        }
        return "GET".equals(method) || "HEAD".equals(method) ? Permission.READ : Permission.WRITE;
    }
}
