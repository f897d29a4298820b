package dev.vigil.system;

import static io.restassured.RestAssured.given;

import dev.vigil.testsupport.auth.TestApiKeys;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Sends defect requests through the gateway with RestAssured and counts the answers by status class. An
 * authenticated run sends RestAssured's default key; an unauthenticated one sends no key or a given
 * {@code Authorization} header (an unknown or malformed key), and every answer except the open
 * {@code /hooks/} endpoints' own 4xx must then be 401.
 */
final class DefectRun {

    /** Who sends the requests. */
    enum Caller {
        AUTHENTICATED(null), NO_KEY(null), UNKNOWN_KEY("Bearer vgl_unknownkeyunknownkeyunknownkeyunknownkey0000"),
        MALFORMED_KEY("Bearer vgl_!!not*a*key"), NOT_BEARER("Basic YWRtaW46YWRtaW4=");

        private final String authorization;

        Caller(String authorization) {
            this.authorization = authorization;
        }
    }

    private static final int UNAUTHORIZED = 401;
    private static final int BAD_REQUEST = 400;
    private static final String GATEWAY_SIGNATURE = "<center>nginx</center>";

    private static final int EXCERPT = 200;

    private final String gateway;
    private final ApiPrefix prefix;
    private final AtomicIntegerArray classes = new AtomicIntegerArray(6);
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> not4xx = new ArrayList<>();
    private final List<String> notRefusedAnonymous = new ArrayList<>();

    DefectRun(String gateway, ApiPrefix prefix) {
        this.gateway = gateway;
        this.prefix = prefix;
    }

    void send(DefectRequests.Defect defect) {
        send(defect, Caller.AUTHENTICATED);
    }

    void send(DefectRequests.Defect defect, Caller caller) {
        RequestSpecification request = (caller == Caller.AUTHENTICATED ? given() : TestApiKeys.anonymous())
                .baseUri(gateway).urlEncodingEnabled(false);
        if (caller.authorization != null) {
            request.header("Authorization", caller.authorization);
        }
        defect.headers().forEach(request::header);
        if (defect.body() != null) {
            request.contentType(ContentType.JSON).body(defect.body().getBytes(StandardCharsets.UTF_8));
        }
        String path = defect.path().startsWith("/hooks/") || defect.path().startsWith("/api/") ? defect.path()
                : prefix.path(defect.path());
        Response response = request.request(defect.method(), path);
        int status = response.statusCode();
        classes.incrementAndGet(status / 100);
        String line = caller + " " + defect.name() + ": " + defect.method() + " " + defect.path() + " -> "
                + status + " " + excerpt(response.asString());
        boolean open = defect.path().startsWith("/hooks/");
        // nginx itself refuses some request lines (a NUL in the path) with a 400 before any service, or its
        // key check, sees them: nothing was reached, so that is a refusal too.
        boolean refusedByGateway = status == BAD_REQUEST && response.asString().contains(GATEWAY_SIGNATURE);
        synchronized (this) {
            if (status >= 500) {
                serverErrors.add(line);
            } else if (status < 400) {
                not4xx.add(line);
            } else if (caller != Caller.AUTHENTICATED && !open && !refusedByGateway && status != UNAUTHORIZED) {
                notRefusedAnonymous.add(line);
            }
        }
    }

    String totals() {
        return "2xx=" + classes.get(2) + " 4xx=" + classes.get(4) + " 5xx=" + classes.get(5);
    }

    synchronized List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** Unauthenticated requests to a non-open endpoint answered with a 4xx other than 401. */
    synchronized List<String> notRefusedAnonymous() {
        return List.copyOf(notRefusedAnonymous);
    }

    synchronized List<String> not4xx() {
        return List.copyOf(not4xx);
    }

    private static String excerpt(String body) {
        return body.length() > EXCERPT ? body.substring(0, EXCERPT) : body;
    }
}
