package dev.vigil.console.session;

import dev.vigil.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The console's cookies: all HttpOnly, SameSite=Strict, path {@code /}. */
@ApplicationScoped
public class SessionCookies {

    /** The sealed session. */
    public static final String SESSION = "vigil_session";
    /** The sign-in form's own token (double submit), before there is a session. */
    public static final String SIGN_IN = "vigil_signin";
    static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofMinutes(30);

    private final ConsoleConfig config;

    public SessionCookies(ConsoleConfig config) {
        this.config = config;
    }

    public NewCookie session(String sealed) {
        return cookie(SESSION, sealed, (int) config.session().maxAge().toSeconds());
    }

    public NewCookie signInForm(String token) {
        return cookie(SIGN_IN, token, (int) SIGN_IN_FORM_LIFETIME.toSeconds());
    }

    public NewCookie cleared(String name) {
        return cookie(name, "", 0);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(config.session().secureCookies())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
