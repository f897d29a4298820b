package dev.vigil.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Sends defect requests through the gateway with RestAssured (so a default API key, once the test support
 * sets one, goes with every request) and counts the answers by status class.
 */
final class DefectRun {

    private static final int EXCERPT = 200;

    private final String gateway;
    private final ApiPrefix prefix;
    private final AtomicIntegerArray classes = new AtomicIntegerArray(6);
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> not4xx = new ArrayList<>();

    DefectRun(String gateway, ApiPrefix prefix) {
        this.gateway = gateway;
        this.prefix = prefix;
    }

    void send(DefectRequests.Defect defect) {
        RequestSpecification request = given().baseUri(gateway).urlEncodingEnabled(false);
        defect.headers().forEach(request::header);
        if (defect.body() != null) {
            request.contentType(ContentType.JSON).body(defect.body().getBytes(StandardCharsets.UTF_8));
        }
        String path = defect.path().startsWith("/hooks/") || defect.path().startsWith("/api/") ? defect.path()
                : prefix.path(defect.path());
        Response response = request.request(defect.method(), path);
        int status = response.statusCode();
        classes.incrementAndGet(status / 100);
        String line = defect.name() + ": " + defect.method() + " " + defect.path() + " -> " + status + " "
                + excerpt(response.asString());
        synchronized (this) {
            if (status >= 500) {
                serverErrors.add(line);
            } else if (status < 400) {
                not4xx.add(line);
            }
        }
    }

    String totals() {
        return "2xx=" + classes.get(2) + " 4xx=" + classes.get(4) + " 5xx=" + classes.get(5);
    }

    synchronized List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    synchronized List<String> not4xx() {
        return List.copyOf(not4xx);
    }

    private static String excerpt(String body) {
        return body.length() > EXCERPT ? body.substring(0, EXCERPT) : body;
    }
}
