package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.support.SafeContexts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgChannel;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this replica's catalog in step with changes made through any replica: LISTENs for the
 * NOTIFY each change sends, whose payload names the automation, and re-reads just the automations
 * named (a burst in one query, one query at a time so a later read never lands before an earlier
 * one). On every (re)connect it reloads in full, since notifications sent while disconnected are lost.
 */
@ApplicationScoped
public class AutomationChangeListener {

    private static final long RECONNECT_ATTEMPTS = Long.MAX_VALUE;
    private static final long RECONNECT_DELAY_MILLIS = 1000;
    /** Long enough to gather a burst of changes into one read, short enough to stay well within 1 s. */
    private static final long COALESCE_MILLIS = 50;
    /** How the LISTEN connection shows in {@code pg_stat_activity}, apart from the pool's. */
    private static final String CONNECTION_NAME = "evaluator-service-listen";

    private final AutomationCatalog catalog;
    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private final int batchSize;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final Set<UUID> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private PgSubscriber subscriber;

    public AutomationChangeListener(AutomationCatalog catalog, Vertx vertx, EvaluatorConfig config,
                                    @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                                    @ConfigProperty(name = "quarkus.datasource.username") String user,
                                    @ConfigProperty(name = "quarkus.datasource.password")
                                    Optional<String> password) {
        this.catalog = catalog;
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password.orElse("");
        this.batchSize = config.changeBatchSize();
    }

    void start(@Observes StartupEvent started) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password).addProperty("application_name", CONNECTION_NAME);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> retries < RECONNECT_ATTEMPTS
                ? RECONNECT_DELAY_MILLIS : -1L);
        // One channel object for both handlers: each channel() call makes a new one, and one without a
        // message handler is never subscribed, so its subscribe handler would never run.
        PgChannel channel = subscriber.channel(AutomationChanges.CHANNEL);
        channel.subscribeHandler(this::requestReload);
        channel.handler(this::onNotification);
        subscriber.connect().subscribe().with(
                ignored -> Log.debug("Listening for automation changes"),
                failure -> Log.warnf("Cannot listen for automation changes yet (%s); retrying", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private void onNotification(String payload) {
        UUID id;
        try {
            id = UUID.fromString(payload);
        } catch (IllegalArgumentException | NullPointerException e) {
            Log.warnf("An automation change notification names no automation (%s); reloading all", payload);
            requestReload();
            return;
        }
        changed.add(id);
        if (!refreshing.getAndSet(true)) {
            vertx.setTimer(COALESCE_MILLIS, timer -> refreshNext());
        }
    }

    /** Re-reads the automations named so far, then those named meanwhile, until none is left. */
    private void refreshNext() {
        List<UUID> batch = new ArrayList<>();
        for (Iterator<UUID> it = changed.iterator(); it.hasNext() && batch.size() < batchSize; ) {
            batch.add(it.next());
            it.remove();
        }
        if (batch.isEmpty()) {
            refreshing.set(false);
            // A notification may have come between the look and the reset.
            if (!changed.isEmpty() && !refreshing.getAndSet(true)) {
                refreshNext();
            }
            return;
        }
        SafeContexts.run(vertx, () -> catalog.refresh(batch).subscribe().with(
                done -> refreshNext(),
                failure -> {
                    // A missed change would leave this replica on a stale catalog: try again.
                    Log.warnf("Reading %d changed automations failed, retrying: %s", batch.size(), failure.getMessage());
                    changed.addAll(batch);
                    vertx.setTimer(RECONNECT_DELAY_MILLIS, timer -> refreshNext());
                }));
    }

    /** Requests arriving together cause one full reload, a moment after the first of them. */
    private void requestReload() {
        if (reloadPending.getAndSet(true)) {
            return;
        }
        vertx.setTimer(COALESCE_MILLIS, timer -> {
            reloadPending.set(false);
            SafeContexts.run(vertx, () -> catalog.reload().subscribe().with(
                    index -> Log.debugf("Automations reloaded in full: %d", index.size()),
                    failure -> {
                        Log.warnf("Reloading automations failed, retrying: %s", failure.getMessage());
                        requestReload();
                    }));
        });
    }
}
