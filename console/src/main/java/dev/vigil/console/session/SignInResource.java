package dev.vigil.console.session;

import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiResponse;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.config.ConsoleConfig;
import dev.vigil.console.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Sign-in with an API key and sign-out. The key is checked by one read call with it; it then lives only
 * sealed in the HttpOnly, SameSite=Strict session cookie. The sign-in form carries its own token (double
 * submit with a cookie), since there is no session yet to bind one to.
 */
@Path("/")
public class SignInResource {

    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int BAD_REQUEST = 400;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String formToken, String error, String accountId, String workspaceId);
    }

    private final ApiClient api;
    private final SessionCodec codec;
    private final SessionCookies cookies;
    private final CurrentSession current;
    private final ConsoleConfig config;
    private final Clock clock = Clock.systemUTC();

    public SignInResource(ApiClient api, SessionCodec codec, SessionCookies cookies, CurrentSession current,
                          ConsoleConfig config) {
        this.api = api;
        this.codec = codec;
        this.cookies = cookies;
        this.current = current;
        this.config = config;
    }

    /** The console's home is the automations list. */
    @GET
    public Response home() {
        return Pages.seeOther("/automations");
    }

    @GET
    @Path("signin")
    public Response form() {
        if (current.isSignedIn()) {
            return Pages.seeOther("/");
        }
        return form(Response.Status.OK.getStatusCode(), null, "", "");
    }

    @POST
    @Path("signin")
    public Uni<Response> signIn(@RestForm String csrf, @CookieParam(SessionCookies.SIGN_IN) String expected,
                                @RestForm("api_key") String apiKey, @RestForm("account_id") String accountId,
                                @RestForm("workspace_id") String workspaceId) {
        String account = accountId == null ? "" : accountId.trim();
        String workspace = workspaceId == null ? "" : workspaceId.trim();
        if (!sameToken(csrf, expected)) {
            return Uni.createFrom().item(form(FORBIDDEN, "The sign-in form expired. Please try again.", account,
                    workspace));
        }
        if (apiKey == null || apiKey.isBlank()) {
            return Uni.createFrom().item(form(BAD_REQUEST, "api_key: enter an API key.", account, workspace));
        }
        String prefix;
        try {
            prefix = workspacePrefix(account, workspace);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(form(BAD_REQUEST, e.getMessage(), account, workspace));
        }
        Session candidate = new Session(apiKey.trim(), prefix, codec.newToken(),
                clock.instant().plus(config.session().maxAge()));
        return api.post(candidate, VigilService.EVALUATOR, "/automations/count", Map.of())
                .map(answer -> signedIn(candidate, answer, account, workspace))
                .onFailure(NotSignedInException.class).recoverWithItem(() -> form(UNAUTHORIZED,
                        "api_key: this key is unknown, revoked, expired or not of this workspace.", account, workspace));
    }

    @POST
    @Path("signout")
    public Response signOut(@RestForm String csrf) {
        current.requireForm(csrf);
        return Response.fromResponse(Pages.seeOther("/signin"))
                .cookie(cookies.cleared(SessionCookies.SESSION)).build();
    }

    private Response signedIn(Session session, ApiResponse answer, String account, String workspace) {
        if (answer.status() == FORBIDDEN) {
            return form(FORBIDDEN, "api_key: this key may only post events; sign in with a read, write or admin key.",
                    account, workspace);
        }
        answer.orFail("checking the API key");
        return Response.fromResponse(Pages.seeOther("/"))
                .cookie(cookies.session(codec.seal(session)), cookies.cleared(SessionCookies.SIGN_IN)).build();
    }

    private Response form(int status, String error, String account, String workspace) {
        String token = codec.newToken();
        return Response.fromResponse(Pages.html(status, Templates.signIn(token, error, account, workspace)))
                .cookie(cookies.signInForm(token)).build();
    }

    /** {@code ""} for the default workspace, else Prefect Cloud's {@code /accounts/{a}/workspaces/{w}}. */
    static String workspacePrefix(String account, String workspace) {
        if (account.isEmpty() && workspace.isEmpty()) {
            return "";
        }
        if (account.isEmpty() || workspace.isEmpty()) {
            throw new IllegalArgumentException("account_id, workspace_id: give both, or neither for the default"
                    + " workspace.");
        }
        return "/accounts/" + uuid("account_id", account) + "/workspaces/" + uuid("workspace_id", workspace);
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": must be a UUID.");
        }
    }

    private static boolean sameToken(String given, String expected) {
        return given != null && expected != null && !expected.isEmpty() && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
