package dev.vigil.evaluator.root;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The root routes Prefect's clients call, answered as Prefect's server does: {@code GET /api/health} is JSON
 * {@code true} and needs no key (as Prefect's, so probes can call it); {@code /api/hello} is the waving hand,
 * {@code /api/admin/version} the Prefect version and {@code /api/version} the REST API version, all as JSON
 * strings and behind a key. The evaluator answers them because it serves the automations API, the core of what
 * Prefect's clients use here; its own readiness (database, Redis, Kafka) is {@code /q/health/ready}.
 */
@Path("/api")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class PrefectRootResource {

    private static final String WAVE = "\uD83D\uDC4B";

    private final PrefectRootConfig config;

    public PrefectRootResource(PrefectRootConfig config) {
        this.config = config;
    }

    @GET
    @Path("/health")
    public boolean health() {
        return true;
    }

    @GET
    @Path("/hello")
    public String hello() {
        return json(WAVE);
    }

    @GET
    @Path("/admin/version")
    public String version() {
        return json(config.version());
    }

    @GET
    @Path("/version")
    public String apiVersion() {
        return json(config.apiVersion());
    }

    /** A JSON string: a String return value would be written as plain text. */
    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
