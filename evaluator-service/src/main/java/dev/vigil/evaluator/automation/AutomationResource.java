package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.backtest.BacktestReport;
import dev.vigil.evaluator.backtest.BacktestRequest;
import dev.vigil.evaluator.backtest.BacktestService;
import dev.vigil.evaluator.template.TemplateBody;
import dev.vigil.evaluator.template.TemplateSyntax;
import dev.vigil.evaluator.template.TemplateValidationResource;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.Event;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Prefect's automations API: {@code /api/automations}, with Prefect's status codes and bodies. */
@CheckedJson
@Path("/api/automations")
@Produces(MediaType.APPLICATION_JSON)
public class AutomationResource {

    private static final String NOT_FOUND = "Automation not found";

    private final AutomationService service;
    private final AutomationDocuments documents;
    private final TemplateSyntax templates;
    private final BacktestService backtests;
    private final AutomationInspection inspection;

    public AutomationResource(AutomationService service, AutomationDocuments documents, TemplateSyntax templates,
                              BacktestService backtests, AutomationInspection inspection) {
        this.service = service;
        this.documents = documents;
        this.templates = templates;
        this.backtests = backtests;
        this.inspection = inspection;
    }

    /** Replays events through an automation without executing or storing anything. */
    @POST
    @Path("/backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BacktestReport> backtest(@HeaderParam(Workspaces.HEADER) String workspace, BacktestRequest body) {
        return backtests.backtest(Workspaces.parseOrDefault(workspace), body);
    }

    @POST
    @Path("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String workspace, AutomationCreate body) {
        return service.create(Workspaces.parseOrDefault(workspace), body)
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> read(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        return service.find(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id))
                .map(found -> found == null ? notFound()
                        : Response.ok(found).header(HttpHeaders.ETAG, AutomationVersion.etag(found.updated())).build());
    }

    /** Every live bucket, composite state and armed timer of the automation, read from Redis. */
    @GET
    @Path("/{id}/state")
    public Uni<Response> state(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        return inspection.state(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id))
                .map(found -> found == null ? notFound() : Response.ok(found).build());
    }

    /** What the event would do to the automation, clause by clause; changes nothing. */
    @POST
    @Path("/{id}/explain")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> explain(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                                 Event event) {
        UUID automationId = PathIds.parse("id", id);
        return inspection.explain(Workspaces.parseOrDefault(workspace), automationId, event)
                .map(found -> found == null ? notFound() : Response.ok(found).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> replace(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AutomationCreate body) {
        UUID automationId = PathIds.parse("id", id);
        return service.replace(Workspaces.parseOrDefault(workspace), automationId, body, ifMatch)
                .map(this::noContentOr404);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> patch(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AutomationPatch body) {
        UUID automationId = PathIds.parse("id", id);
        AutomationPatch patch = body == null ? new AutomationPatch(null) : body;
        if (!patch.unknownKeys().isEmpty()) {
            throw new ValidationProblemException(patch.unknownKeys().stream()
                    .map(key -> FieldProblem.body("Extra inputs are not permitted", "extra_forbidden", key)).toList());
        }
        return service.setEnabled(Workspaces.parseOrDefault(workspace), automationId, patch.enabled(), ifMatch)
                .map(this::noContentOr404);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.delete(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id), ifMatch)
                .map(this::noContentOr404);
    }

    @POST
    @Path("/filter")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<List<Automation>> filter(@HeaderParam(Workspaces.HEADER) String workspace, AutomationFilter body) {
        return service.filter(Workspaces.parseOrDefault(workspace), body);
    }

    @POST
    @Path("/count")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Long> count(@HeaderParam(Workspaces.HEADER) String workspace, AutomationFilter body) {
        return service.count(Workspaces.parseOrDefault(workspace), body);
    }

    @GET
    @Path("/related-to/{resource_id}")
    public Uni<List<Automation>> relatedTo(@HeaderParam(Workspaces.HEADER) String workspace,
                                           @PathParam("resource_id") String resourceId) {
        return service.relatedTo(Workspaces.parseOrDefault(workspace), resourceId);
    }

    @DELETE
    @Path("/owned-by/{resource_id}")
    public Uni<Response> deleteOwnedBy(@HeaderParam(Workspaces.HEADER) String workspace,
                                       @PathParam("resource_id") String resourceId) {
        return service.deleteOwnedBy(Workspaces.parseOrDefault(workspace), resourceId)
                .map(ignored -> Response.accepted().build());
    }

    /**
     * Definitions as code, in JSON or YAML: creates or updates by name and reports what changed. Deployment
     * triggers ({@code prefect.yaml}, trigger files) also delete their deployment's automations they no longer
     * name; {@code deployment_id} names the deployment of a trigger file.
     */
    @PUT
    @Path("/apply")
    @Consumes(MediaType.WILDCARD)
    public Uni<ApplyReport> apply(@HeaderParam(Workspaces.HEADER) String workspace,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  @QueryParam("deployment_id") String deploymentId, String body) {
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        return service.apply(Workspaces.parseOrDefault(workspace),
                documents.read(body, yaml, deploymentId(deploymentId)));
    }

    private static Optional<UUID> deploymentId(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new ValidationProblemException(new FieldProblem(List.of("query", "deployment_id"),
                    "Input should be a valid UUID", "uuid_parsing"));
        }
    }

    /** The path Prefect's UI calls to validate a template; same contract as {@code /templates/validate}. */
    @POST
    @Path("/templates/validate")
    @Consumes(MediaType.WILDCARD)
    public Response validateTemplate(String template) {
        return TemplateValidationResource.respond(templates, TemplateBody.decode(template));
    }

    /** 204 with the new version's tag, so a client can go on editing without reading again. */
    private Response noContentOr404(Automation automation) {
        return automation == null ? notFound()
                : Response.noContent().header(HttpHeaders.ETAG, AutomationVersion.etag(automation.updated())).build();
    }

    @ServerExceptionMapper
    public Response stale(StaleVersionException e) {
        return ErrorBodies.detail(Response.Status.PRECONDITION_FAILED.getStatusCode(), e.getMessage());
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
