package dev.vigil.console.web;

import dev.vigil.console.api.ApiFailureException;
import dev.vigil.console.session.CsrfRejectedException;
import dev.vigil.console.session.NotSignedInException;
import dev.vigil.console.session.SessionCookies;
import dev.vigil.console.session.SignInRedirect;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the console's failures into pages: sign-in again, a refused form, a service that failed. */
public class ErrorPages {

    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int BAD_GATEWAY = 502;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);
    }

    private final SessionCookies cookies;

    public ErrorPages(SessionCookies cookies) {
        this.cookies = cookies;
    }

    /** No session, an expired one, or a key the services refuse now (revoked): sign in again. */
    @ServerExceptionMapper
    public Response notSignedIn(NotSignedInException e, HttpHeaders headers) {
        boolean htmx = headers.getHeaderString(SignInRedirect.HTMX_REQUEST) != null;
        return Response.fromResponse(SignInRedirect.to(htmx)).cookie(cookies.cleared(SessionCookies.SESSION)).build();
    }

    @ServerExceptionMapper
    public Response csrfRejected(CsrfRejectedException e) {
        return Pages.html(FORBIDDEN, Templates.error(FORBIDDEN, "Form refused",
                "This form did not carry this session's form token (it may come from another site, or from a"
                        + " page older than your sign-in). Reload the page and try again."));
    }

    @ServerExceptionMapper
    public Response apiFailure(ApiFailureException e) {
        if (e.status() == FORBIDDEN) {
            return Pages.html(FORBIDDEN, Templates.error(FORBIDDEN, "Not allowed",
                    "Your API key's role does not allow this. " + e.getMessage()));
        }
        if (e.status() == NOT_FOUND) {
            return Pages.html(NOT_FOUND, Templates.error(NOT_FOUND, "Not found", e.getMessage()));
        }
        return Pages.html(BAD_GATEWAY, Templates.error(BAD_GATEWAY, "A Vigil service failed", e.getMessage()));
    }
}
