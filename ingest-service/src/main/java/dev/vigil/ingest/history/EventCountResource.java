package dev.vigil.ingest.history;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;

/** {@code POST /api/events/count-by/{day|time|event|resource}} with Prefect's {@code time_unit} and {@code time_interval}. */
@CheckedJson
@Path("/api/events/count-by")
@Produces(MediaType.APPLICATION_JSON)
public class EventCountResource {

    private final EventCounter counter;
    private final EventFilterReader reader;

    public EventCountResource(EventCounter counter, EventFilterReader reader) {
        this.counter = counter;
        this.reader = reader;
    }

    @POST
    @Path("/{countable}")
    @Consumes(MediaType.WILDCARD)
    public Uni<List<EventCount>> count(@HeaderParam(Workspaces.HEADER) String workspace,
            @PathParam("countable") String countable, byte[] body) throws IOException {
        EventCounter.Countable what = countable(countable);
        FilterRequests.Count request = reader.read(body, FilterRequests.Count.class);
        double interval = request.timeInterval() == null ? FilterRequests.DEFAULT_INTERVAL : request.timeInterval();
        if (!(interval >= FilterRequests.MIN_INTERVAL)) {
            throw new ValidationProblemException(FieldProblem.body("Input should be greater than or equal to "
                    + FilterRequests.MIN_INTERVAL, "greater_than_equal", "time_interval"));
        }
        TimeUnit unit = request.timeUnit() == null ? TimeUnit.DAY : request.timeUnit();
        return counter.count(Workspaces.parseOrDefault(workspace), reader.complete(request.filter()), what, unit,
                interval);
    }

    private static EventCounter.Countable countable(String text) {
        try {
            return EventCounter.Countable.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationProblemException(new FieldProblem(List.of("path", "countable"),
                    "Input should be 'day', 'time', 'event' or 'resource'", "enum"));
        }
    }
}
