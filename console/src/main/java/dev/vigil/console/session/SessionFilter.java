package dev.vigil.console.session;

import dev.vigil.console.apidoc.ApiDocumentResource;
import dev.vigil.console.apidoc.DocsPage;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Opens the session cookie of every page request. A page that needs a sign-in and has none is
 * redirected to {@code /signin} (htmx requests get {@code HX-Redirect}, so the whole page goes, not a
 * fragment).
 */
public class SessionFilter {

    /** Paths served without a sign-in. Everything else, unknown paths included, needs one. */
    private static final List<String> OPEN_PREFIXES = List.of("/signin", "/static/", "/_static/", "/openapi-ui/",
            "/q/");
    /** The favicon, and the API's documentation: open like Prefect's {@code /docs}. */
    private static final Set<String> OPEN_EXACT = Set.of("/favicon.ico", ApiDocumentResource.PATH, DocsPage.PATH);
    static final String SIGN_IN_PATH = "/signin";

    private final SessionCodec codec;
    private final CurrentSession current;
    private final Clock clock;

    public SessionFilter(SessionCodec codec, CurrentSession current) {
        this.codec = codec;
        this.current = current;
        this.clock = Clock.systemUTC();
    }

    @ServerRequestFilter(preMatching = true)
    public Response open(ContainerRequestContext request, HttpServerRequest http) {
        Cookie cookie = request.getCookies().get(SessionCookies.SESSION);
        codec.open(cookie == null ? null : cookie.getValue(), clock.instant()).ifPresent(current::set);
        String path = http.path();
        if (current.isSignedIn() || isOpen(path)) {
            return null;
        }
        return SignInRedirect.to(request.getHeaderString(SignInRedirect.HTMX_REQUEST) != null);
    }

    static boolean isOpen(String path) {
        return OPEN_EXACT.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
