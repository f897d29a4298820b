package dev.vigil.ingest.history;

import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.web.ApiPrefix;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/events/filter} and {@code GET /api/events/filter/next?page-token=…}: stored
 * events as Prefect's {@code EventPage}. A page token is bound to its workspace; one that does not
 * decode, or belongs to another workspace, is 403.
 */
@CheckedJson
@Path("/api/events/filter")
@Produces(MediaType.APPLICATION_JSON)
public class EventFilterResource {

    private static final int FORBIDDEN = 403;

    private final EventHistory history;
    private final EventFilterReader reader;
    private final IngestConfig config;
    private final PageTokens tokens;

    public EventFilterResource(EventHistory history, EventFilterReader reader, IngestConfig config, PageTokens tokens) {
        this.history = history;
        this.reader = reader;
        this.config = config;
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<EventPage> filter(@HeaderParam(Workspaces.HEADER) String workspace, @Context RoutingContext context,
            byte[] body) throws IOException {
        FilterRequests.Page request = reader.read(body, FilterRequests.Page.class);
        int limit = request.limit() == null ? FilterRequests.DEFAULT_LIMIT : request.limit();
        if (limit < 0 || limit > config.history().maxPageSize()) {
            throw new ValidationProblemException(FieldProblem.body("Input should be between 0 and "
                    + config.history().maxPageSize(), "range_error", "limit"));
        }
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        EventFilter filter = reader.complete(request.filter());
        String apiPrefix = ApiPrefix.of(context);
        // The count and the page at once, each on a connection of its own: the page needs the total only for its link.
        return Uni.combine().all().unis(history.count(workspaceId, filter), history.page(workspaceId, filter, limit, 0))
                .asTuple().map(both -> page(workspaceId, filter, both.getItem1(), limit, 0, apiPrefix,
                        both.getItem2()));
    }

    @GET
    @Path("/next")
    public Uni<Response> next(@HeaderParam(Workspaces.HEADER) String workspace, @Context RoutingContext context,
            @QueryParam("page-token") String pageToken) {
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        return tokens.decode(pageToken)
                .filter(token -> token.workspace().equals(workspaceId))
                .map(token -> page(workspaceId, token.filter(), token.count(), token.pageSize(), token.offset(),
                        ApiPrefix.of(context)).map(page -> Response.ok(page).build()))
                .orElseGet(() -> Uni.createFrom().item(ErrorBodies.detail(FORBIDDEN, "Invalid page token")));
    }

    private Uni<EventPage> page(UUID workspace, EventFilter filter, long total, int limit, long offset,
            String apiPrefix) {
        return history.page(workspace, filter, limit, offset)
                .map(events -> page(workspace, filter, total, limit, offset, apiPrefix, events));
    }

    private EventPage page(UUID workspace, EventFilter filter, long total, int limit, long offset, String apiPrefix,
            List<ReceivedEvent> events) {
        long nextOffset = offset + limit;
        String next = limit > 0 && nextOffset < total
                ? config.publicUrl().replaceAll("/+$", "") + apiPrefix + "/events/filter/next?page-token="
                        + tokens.encode(new FilterRequests.Token(workspace, filter, total, limit, nextOffset))
                : null;
        return new EventPage(events, total, next);
    }
}
