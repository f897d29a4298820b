package dev.vigil.console.apidoc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The merged OpenAPI document of the public API, as JSON text. Made from the services' documents on first
 * use and again once {@code vigil.console.api-document.refresh} has passed (a new version of a service shows
 * up then); concurrent requests share one refresh. When a refresh fails, the last document made is served;
 * with none yet, the failure is the answer.
 */
@ApplicationScoped
public class ApiDocument {

    private static final Logger LOG = Logger.getLogger(ApiDocument.class);

    private record Made(String json, Instant at) {
    }

    private final ServiceDocuments sources;
    private final OpenApiMerger merger;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapper json = new ObjectMapper();
    private volatile Made made;
    private Uni<String> inFlight;

    public ApiDocument(ServiceDocuments sources, ApiDocumentConfig config) {
        this.sources = sources;
        this.refresh = config.refresh();
        this.merger = new OpenApiMerger(info(config.version()));
    }

    public Uni<String> current() {
        Made last = made;
        if (last != null && last.at().plus(refresh).isAfter(clock.instant())) {
            return Uni.createFrom().item(last.json());
        }
        return refreshing().onFailure().recoverWithUni(failure -> {
            Made previous = made;
            if (previous == null) {
                return Uni.createFrom().failure(failure);
            }
            LOG.warnf("The API document was not refreshed (%s); serving the one made at %s",
                    failure.getMessage(), previous.at());
            return Uni.createFrom().item(previous.json());
        });
    }

    private synchronized Uni<String> refreshing() {
        if (inFlight == null) {
            inFlight = sources.all()
                    .map(documents -> write(merger.merge(documents)))
                    .invoke(text -> made = new Made(text, clock.instant()))
                    .onTermination().invoke(this::refreshed)
                    .memoize().indefinitely();
        }
        return inFlight;
    }

    private synchronized void refreshed() {
        inFlight = null;
    }

    private String write(ObjectNode document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the API document", e);
        }
    }

    private static ObjectNode info(String version) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("title", "Vigil API");
        info.put("version", version);
        info.put("description", "Events, automations, actions, blocks and webhooks, in Prefect's JSON. Every path "
                + "under /api is also served under Prefect Cloud's prefix "
                + "/api/accounts/{account_id}/workspaces/{workspace_id} (the key must belong to that workspace). "
                + "Calls need an API key (Authorize: the key alone, sent as a bearer token), except /hooks/{slug}, "
                + "/api/health and this document. The event websockets /api/events/in and /api/events/out "
                + "speak Prefect's events protocol and are not described here.");
        return info;
    }
}
