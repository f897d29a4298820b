package dev.vigil.console.session;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The answer to a page request without a (valid) sign-in: go to the sign-in page. */
public final class SignInRedirect {

    public static final String HTMX_REQUEST = "HX-Request";
    private static final String HTMX_REDIRECT = "HX-Redirect";
    private static final int SEE_OTHER = 303;

    private SignInRedirect() {
    }

    public static Response to(boolean htmx) {
        if (htmx) {
            return Response.noContent().header(HTMX_REDIRECT, SessionFilter.SIGN_IN_PATH).build();
        }
        return Response.status(SEE_OTHER).location(URI.create(SessionFilter.SIGN_IN_PATH)).build();
    }
}
