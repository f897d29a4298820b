package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.support.SafeContexts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this replica's catalog in step with changes made through any replica: LISTENs for the
 * NOTIFY each change sends, and reloads (coalescing bursts). On every (re)connect it reconciles in
 * full, since notifications sent while disconnected are lost.
 */
@ApplicationScoped
public class AutomationChangeListener {

    private static final long RECONNECT_ATTEMPTS = Long.MAX_VALUE;
    private static final long RECONNECT_DELAY_MILLIS = 1000;
    /** Long enough to gather a burst of changes into one reload, short enough to stay well within 1 s. */
    private static final long COALESCE_MILLIS = 50;

    private final AutomationCatalog catalog;
    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private PgSubscriber subscriber;

    public AutomationChangeListener(AutomationCatalog catalog, Vertx vertx,
                                    @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                                    @ConfigProperty(name = "quarkus.datasource.username") String user,
                                    @ConfigProperty(name = "quarkus.datasource.password")
                                    Optional<String> password) {
        this.catalog = catalog;
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password.orElse("");
    }

    void start(@Observes StartupEvent started) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> retries < RECONNECT_ATTEMPTS
                ? RECONNECT_DELAY_MILLIS : -1L);
        subscriber.channel(AutomationChanges.CHANNEL).handler(payload -> requestReload());
        subscriber.channel(AutomationChanges.CHANNEL).subscribeHandler(this::requestReload);
        subscriber.connect().subscribe().with(
                ignored -> Log.debug("Listening for automation changes"),
                failure -> Log.warnf("Cannot listen for automation changes yet (%s); retrying", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Changes arriving together cause one reload, a moment after the first of them. */
    private void requestReload() {
        if (reloadPending.getAndSet(true)) {
            return;
        }
        vertx.setTimer(COALESCE_MILLIS, timer -> {
            reloadPending.set(false);
            SafeContexts.run(vertx, () -> catalog.reload().subscribe().with(
                    index -> Log.debugf("Automations reloaded after a change: %d", index.size()),
                    failure -> {
                        // A missed reload would leave this replica on a stale catalog: try again.
                        Log.warnf("Reloading automations after a change failed, retrying: %s", failure.getMessage());
                        requestReload();
                    }));
        });
    }
}
