package dev.vigil.console.session;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The signed-in session of this request, set by {@link SessionFilter}. Templates read only
 * {@code {inject:session.csrf}} and {@code {inject:session.signedIn}}: the API key never reaches a page.
 */
@RequestScoped
@Named("session")
public class CurrentSession {

    private Session session;

    public void set(Session session) {
        this.session = session;
    }

    public boolean isSignedIn() {
        return session != null;
    }

    /** The form token of this session, for the hidden {@code csrf} field of every form. */
    public String getCsrf() {
        return session == null ? "" : session.csrfToken();
    }

    /** The session; only called on paths the filter lets through signed in. */
    public Session require() {
        if (session == null) {
            throw new NotSignedInException();
        }
        return session;
    }

    /** Refuses a form whose token is not this session's (a request forged by another site, or a stale page). */
    public Session requireForm(String csrf) {
        Session current = require();
        if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                current.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfRejectedException();
        }
        return current;
    }
}
