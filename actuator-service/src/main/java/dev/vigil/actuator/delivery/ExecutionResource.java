package dev.vigil.actuator.delivery;

import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.error.QueryPaging;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The delivery log: {@code GET /api/actions/executions} (filters {@code automation_id}, {@code status},
 * {@code since}, {@code until}, newest first, each with its attempts), one execution by id, and
 * {@code POST …/{id}/redeliver} to run a dead letter (a failed execution) again.
 */
@CheckedJson
@Path("/api/actions/executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    private static final String NOT_FOUND = "Action execution not found";

    private final DeliveryLog log;
    private final ActionExecutor executor;
    private final int maxPageSize;

    public ExecutionResource(DeliveryLog log, ActionExecutor executor, ActuatorConfig config) {
        this.log = log;
        this.executor = executor;
        this.maxPageSize = config.maxPageSize();
    }

    @GET
    public Uni<List<Execution>> list(@HeaderParam(Workspaces.HEADER) String workspace,
                                     @QueryParam("automation_id") String automationId,
                                     @QueryParam("status") String status,
                                     @QueryParam("since") String since,
                                     @QueryParam("until") String until,
                                     @QueryParam("limit") @DefaultValue("50") int limit,
                                     @QueryParam("offset") @DefaultValue("0") int offset) {
        QueryPaging.check(limit, offset, maxPageSize);
        ExecutionFilter filter = new ExecutionFilter(
                automationId == null ? null : uuid("automation_id", automationId),
                status == null ? null : status(status), time("since", since), time("until", until), limit, offset);
        return log.list(Workspaces.parseOrDefault(workspace), filter);
    }

    @GET
    @Path("/{id}")
    public Uni<Response> read(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        return log.find(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id))
                .map(found -> found == null ? notFound() : Response.ok(found).build());
    }

    @POST
    @Path("/{id}/redeliver")
    public Uni<Response> redeliver(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        UUID executionId = PathIds.parse("id", id);
        return executor.redeliver(workspaceId, executionId).chain(done -> {
            if (done != null) {
                return Uni.createFrom().item(Response.ok(done).build());
            }
            return log.find(workspaceId, executionId).map(found -> found == null ? notFound()
                    : ErrorBodies.detail(Response.Status.CONFLICT.getStatusCode(),
                            "Only a failed (dead-lettered) execution can be redelivered; this one is "
                                    + found.status().wire()));
        });
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }

    private static ExecutionStatus status(String value) {
        try {
            return ExecutionStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw query("status", "Must be one of running, succeeded, failed", "enum");
        }
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw query(name, "Input should be a valid UUID", "uuid_parsing");
        }
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw query(name, "Input should be an ISO 8601 date-time with an offset", "datetime_parsing");
        }
    }

    private static ValidationProblemException query(String name, String msg, String type) {
        return new ValidationProblemException(new FieldProblem(List.of("query", name), msg, type));
    }
}
