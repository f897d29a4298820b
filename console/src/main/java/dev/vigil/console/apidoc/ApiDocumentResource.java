package dev.vigil.console.apidoc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The merged OpenAPI document of the public API, open like Prefect's: the one {@code /api} path the gateway
 * and the ingress route to the console. 503 with a JSON {@code detail} while no document could be made.
 */
@Path(ApiDocumentResource.PATH)
public class ApiDocumentResource {

    public static final String PATH = "/api/openapi.json";
    private static final int UNAVAILABLE = 503;

    private final ApiDocument document;

    public ApiDocumentResource(ApiDocument document) {
        this.document = document;
    }

    @GET
    public Uni<Response> document() {
        return document.current()
                .map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-cache")
                        .build())
                .onFailure(DocumentUnavailableException.class).recoverWithItem(failure -> Response.status(UNAVAILABLE)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(JsonNodeFactory.instance.objectNode()
                                .put("detail", "The API document is not available: " + failure.getMessage()).toString())
                        .build());
    }
}
