package dev.vigil.ingest.webhook;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.json.CheckedJson;
import dev.vigil.support.vertx.OffEventLoop;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/webhooks}: create (201 with id, slug and public url), read, list, replace, delete, rotate
 * the slug; the request history ({@code GET /{id}/requests}) and dry runs ({@code POST /{id}/test}). Each change
 * publishes Prefect Cloud's audit event ({@link WebhookEvents#lifecycle}) once it is stored.
 */
@CheckedJson
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    private static final int NOT_FOUND = 404;
    private static final int MAX_NAME = 256;

    private final WebhookStore store;
    private final WebhookRenderer renderer;
    private final WebhookRequestLog history;
    private final WebhookTester tester;
    private final EventPublisher events;

    public WebhooksResource(WebhookStore store, WebhookRenderer renderer, WebhookRequestLog history,
            WebhookTester tester, EventPublisher events) {
        this.events = events;
        this.store = store;
        this.renderer = renderer;
        this.history = history;
        this.tester = tester;
    }

    @POST
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String ws, WebhookRequest request) {
        UUID workspace = Workspaces.parseOrDefault(ws);
        return validated(request, true).flatMap(valid -> store.create(workspace, valid))
                .call(created -> published(workspace, "created", created))
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    public Uni<List<Webhook>> list(@HeaderParam(Workspaces.HEADER) String ws) {
        return store.list(Workspaces.parseOrDefault(ws));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@HeaderParam(Workspaces.HEADER) String ws, @PathParam("id") String id) {
        return found(store.get(Workspaces.parseOrDefault(ws), PathIds.parse("id", id)));
    }

    @PUT
    @Path("/{id}")
    public Uni<Response> replace(@HeaderParam(Workspaces.HEADER) String ws, @PathParam("id") String id,
            WebhookRequest request) {
        UUID webhookId = PathIds.parse("id", id);
        UUID workspace = Workspaces.parseOrDefault(ws);
        return found(validated(request, false).flatMap(valid -> store.replace(workspace, webhookId, valid))
                .call(updated -> published(workspace, "updated", updated)));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@HeaderParam(Workspaces.HEADER) String ws, @PathParam("id") String id) {
        UUID workspace = Workspaces.parseOrDefault(ws);
        return store.delete(workspace, PathIds.parse("id", id))
                .call(deleted -> published(workspace, "deleted", deleted))
                .map(deleted -> deleted != null
                        ? Response.noContent().build() : ErrorBodies.detail(NOT_FOUND, "Webhook not found"));
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> rotate(@HeaderParam(Workspaces.HEADER) String ws, @PathParam("id") String id) {
        UUID workspace = Workspaces.parseOrDefault(ws);
        return found(store.rotate(workspace, PathIds.parse("id", id))
                .call(rotated -> published(workspace, "updated", rotated)));
    }

    /** The webhook's last requests (redacted), newest first, each with its events or its error. */
    @GET
    @Path("/{id}/requests")
    public Uni<Response> requests(@HeaderParam(Workspaces.HEADER) String ws, @PathParam("id") String id) {
        UUID workspace = Workspaces.parseOrDefault(ws);
        return store.get(workspace, PathIds.parse("id", id)).flatMap(webhook -> webhook == null
                ? Uni.createFrom().item(ErrorBodies.detail(NOT_FOUND, "Webhook not found"))
                : history.recent(workspace, webhook.id()).map(calls -> Response.ok(calls).build()));
    }

    /** Renders a stored or supplied request against a draft template; publishes nothing (see {@link WebhookTester}). */
    @POST
    @Path("/{id}/test")
    public Uni<Response> test(@HeaderParam(Workspaces.HEADER) String ws, @PathParam("id") String id,
            WebhookTestRequest request) {
        UUID workspace = Workspaces.parseOrDefault(ws);
        return store.get(workspace, PathIds.parse("id", id)).flatMap(webhook -> webhook == null
                ? Uni.createFrom().item(ErrorBodies.detail(NOT_FOUND, "Webhook not found"))
                : tester.test(webhook, request).map(outcome -> Response.ok(outcome).build()));
    }

    private Uni<Void> published(UUID workspace, String change, Webhook webhook) {
        return webhook == null ? Uni.createFrom().voidItem()
                : events.publish(workspace, WebhookEvents.lifecycle(change, webhook));
    }

    private static Uni<Response> found(Uni<Webhook> webhook) {
        return webhook.map(w -> w == null ? ErrorBodies.detail(NOT_FOUND, "Webhook not found")
                : Response.ok(w).build());
    }

    /**
     * The request once valid. Checking the template renders it (bounded by the render deadline), so the
     * check runs on a worker thread, never on the event loop.
     */
    private Uni<WebhookRequest> validated(WebhookRequest request, boolean creating) {
        return OffEventLoop.compute(() -> {
            validate(request, creating);
            return request;
        });
    }

    private void validate(WebhookRequest request, boolean creating) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing"));
        }
        if (request.name() == null || request.name().isBlank()) {
            problems.add(FieldProblem.body("Field required", "missing", "name"));
        } else if (request.name().length() > MAX_NAME) {
            problems.add(FieldProblem.body("At most " + MAX_NAME + " characters", "string_too_long", "name"));
        }
        if (request.template() == null || request.template().isBlank()) {
            problems.add(FieldProblem.body("Field required", "missing", "template"));
        } else {
            renderer.syntaxProblem(request.template())
                    .ifPresent(msg -> problems.add(FieldProblem.body(msg, "template_invalid", "template")));
        }
        WebhookRequest.Signature sig = request.signature();
        if (sig != null) {
            if (sig.scheme() == null) {
                problems.add(FieldProblem.body("Field required", "missing", "signature", "scheme"));
            }
            if (creating && (sig.secret() == null || sig.secret().isEmpty())) {
                problems.add(FieldProblem.body("Field required", "missing", "signature", "secret"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationProblemException(problems);
        }
    }
}
