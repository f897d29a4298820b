package dev.vigil.ingest.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.history.EventFilter;
import dev.vigil.ingest.history.EventFilterMatcher;
import dev.vigil.ingest.history.EventFilterReader;
import dev.vigil.ingest.history.EventHistory;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.Permission;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/events/out}: after the auth message (see {@link SocketAuthentication}; not needed after a
 * handshake with a valid {@code Authorization} header), the client sends
 * {@code {"type":"filter","filter":{…},"backfill":true}}; the server sends the matching stored
 * events of the last 15 minutes (at most), oldest first, then matching live events as they arrive,
 * each as {@code {"type":"event","event":{…}}}. A bad first message closes with 1002; a client that
 * falls too far behind is closed with 1013 and a reason saying so. Unlike Prefect, {@code related}
 * criteria apply to live events too.
 */
@WebSocket(path = "/api/events/out")
public class EventsOutSocket {

    private static final UserData.TypedKey<Boolean> AUTH_SEEN = UserData.TypedKey.forBoolean("vigil.out.auth");
    private static final UserData.TypedKey<LiveSubscription> SUBSCRIPTION =
            new UserData.TypedKey<>("vigil.out.subscription");

    private final ObjectMapper json;
    private final EventFilterReader filters;
    private final EventHistory history;
    private final LiveEvents live;
    private final IngestConfig.Stream config;
    private final SocketAuthentication auth;

    public EventsOutSocket(ObjectMapper json, EventFilterReader filters, EventHistory history, LiveEvents live,
            IngestConfig config, SocketAuthentication auth) {
        this.auth = auth;
        this.json = json;
        this.filters = filters;
        this.history = history;
        this.live = live;
        this.config = config.stream();
    }

    @OnTextMessage
    public Uni<Void> onMessage(String message, WebSocketConnection connection) {
        if (connection.userData().get(SUBSCRIPTION) != null) {
            return connection.sendText(Frames.error(json, "Already streaming; send the filter only once", List.of()));
        }
        JsonNode tree;
        try {
            tree = json.readTree(message);
        } catch (JsonProcessingException e) {
            if (!auth.isAuthenticated(connection) && !auth.acceptHandshake(connection)) {
                return auth.refuseUnauthenticated(connection);
            }
            return refuse(connection, "First message must be JSON");
        }
        String type = tree == null ? null : tree.path("type").asText(null);
        if (Frames.AUTH.equals(type) && connection.userData().put(AUTH_SEEN, Boolean.TRUE) == null) {
            return auth.authenticate(connection, tree, Permission.READ);
        }
        if (!auth.isAuthenticated(connection) && !auth.acceptHandshake(connection)) {
            return auth.refuseUnauthenticated(connection);
        }
        if (!Frames.FILTER.equals(type)) {
            return refuse(connection, "Expected a filter message");
        }
        EventFilter filter;
        try {
            filter = filters.filterOf(tree.get("filter"));
        } catch (IOException | IllegalArgumentException e) {
            return refuse(connection, "Invalid filter");
        }
        return stream(connection, filter, tree.path("backfill").asBoolean(true));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        LiveSubscription subscription = connection.userData().get(SUBSCRIPTION);
        if (subscription != null) {
            live.remove(subscription);
        }
    }

    private Uni<Void> stream(WebSocketConnection connection, EventFilter filter, boolean backfill) {
        UUID workspace = Workspaces.parseOrDefault(connection.handshakeRequest().header(Workspaces.HEADER));
        LiveSubscription subscription = new LiveSubscription(workspace, new EventFilterMatcher(filter),
                event -> connection.sendText(Frames.event(json, event)),
                reason -> connection.close(new CloseReason(Frames.TRY_AGAIN_LATER, reason)).subscribe().with(
                        ok -> Log.infof("Dropped slow events/out client %s: %s", connection.id(), reason),
                        failure -> Log.debugf("Closing slow client %s failed: %s", connection.id(), failure)),
                config.maxPendingFrames());
        connection.userData().put(SUBSCRIPTION, subscription);
        live.add(subscription);
        if (!backfill) {
            subscription.goLive(Set.of());
            return Uni.createFrom().voidItem();
        }
        Set<UUID> sent = new HashSet<>();
        return backfill(connection, workspace, backfillFilter(filter), 0, sent)
                .invoke(() -> subscription.goLive(sent));
    }

    /** The client's filter, oldest first, over at most the last {@code maximumBackfill}, until now. */
    private EventFilter backfillFilter(EventFilter filter) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime earliest = now.minus(config.maximumBackfill());
        EventFilter.Occurred given = filter.occurred();
        OffsetDateTime since = given == null || given.since() == null || given.since().isBefore(earliest)
                ? earliest : given.since();
        OffsetDateTime until = given == null || given.until() == null || given.until().isAfter(now)
                ? now : given.until();
        return filter.withOccurred(new EventFilter.Occurred(since, until)).withOrder(EventFilter.Order.ASC);
    }

    private Uni<Void> backfill(WebSocketConnection connection, UUID workspace, EventFilter filter, long offset,
            Set<UUID> sent) {
        int pageSize = config.backfillPageSize();
        return history.page(workspace, filter, pageSize, offset).flatMap(page -> Multi.createFrom().iterable(page)
                .onItem().transformToUniAndConcatenate(event -> send(connection, event, sent))
                .collect().last()
                .flatMap(ignored -> page.size() < pageSize || !connection.isOpen()
                        ? Uni.createFrom().voidItem()
                        : backfill(connection, workspace, filter, offset + pageSize, sent)));
    }

    private Uni<Void> send(WebSocketConnection connection, ReceivedEvent event, Set<UUID> sent) {
        sent.add(event.id());
        return connection.sendText(Frames.event(json, event));
    }

    private static Uni<Void> refuse(WebSocketConnection connection, String reason) {
        return connection.close(new CloseReason(Frames.PROTOCOL_ERROR, reason));
    }
}
