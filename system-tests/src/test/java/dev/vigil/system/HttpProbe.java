package dev.vigil.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One short GET, for readiness polling: never throws, describes what it saw. */
final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int OK = 200;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI uri;
    private volatile String lastOutcome = "not probed yet";

    HttpProbe(String url) {
        this.uri = URI.create(url);
    }

    /** True when the URL answered 200 this time. */
    boolean ok() {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            lastOutcome = "HTTP " + response.statusCode() + " " + response.body();
            return response.statusCode() == OK;
        } catch (IOException e) {
            lastOutcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastOutcome = "interrupted";
            return false;
        }
    }

    /** The answer (or error) of the latest probe, for failure messages. */
    String lastOutcome() {
        return uri + " -> " + lastOutcome;
    }
}
