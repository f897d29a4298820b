package dev.vigil.ingest.web;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers the API prefix a request came in with ({@code /api} or Prefect Cloud's
 * {@code /api/accounts/{a}/workspaces/{w}}) before the shared workspace filter strips it, so links
 * the service hands out ({@code next_page}) lead back to the same workspace.
 */
public class ApiPrefix {

    private static final String KEY = "vigil.ingest.api-prefix";
    private static final String PLAIN = "/api";
    private static final Pattern PREFIXED = Pattern.compile("^(/api/accounts/[^/]+/workspaces/[^/]+)(/.*)?$");
    /** Before the shared workspace filter (priority 2000), which rewrites the path. */
    private static final int PRIORITY = 2100;

    @RouteFilter(PRIORITY)
    void remember(RoutingContext context) {
        if (context.get(KEY) == null) {
            Matcher prefixed = PREFIXED.matcher(context.normalizedPath());
            context.put(KEY, prefixed.matches() ? prefixed.group(1) : PLAIN);
        }
        context.next();
    }

    /** The prefix of the original request, {@code /api} when there was none. */
    public static String of(RoutingContext context) {
        String prefix = context == null ? null : context.get(KEY);
        return prefix == null ? PLAIN : prefix;
    }
}
