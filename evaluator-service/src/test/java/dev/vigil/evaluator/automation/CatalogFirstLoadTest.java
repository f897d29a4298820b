package dev.vigil.evaluator.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica whose first load of the automations fails (its database refusing connections, as beside a loaded
 * system) keeps trying, stays not ready meanwhile, and then evaluates: the failure is not remembered, and nothing
 * that waited for the catalog fails because of it.
 */
class CatalogFirstLoadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int FAILED_ATTEMPTS = 3;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void aFailedFirstLoadIsTriedAgainAndReadinessWaitsForIt() {
        UnreadyDatabase repository = new UnreadyDatabase();
        AutomationCatalog catalog = new AutomationCatalog(repository, config(), vertx);
        CatalogReadiness readiness = new CatalogReadiness(catalog);
        AtomicReference<TriggerIndex> loaded = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();

        catalog.index().subscribe().with(loaded::set, failed::set);
        await().atMost(WAIT).until(() -> repository.attempts.get() >= FAILED_ATTEMPTS);
        assertThat(readiness.call().getStatus()).as("readiness while the load fails").isEqualTo(
                HealthCheckResponse.Status.DOWN);
        assertThat(failed.get()).as("what waits for the catalog").isNull();

        repository.failing = false;
        await().atMost(WAIT).until(() -> loaded.get() != null || failed.get() != null);
        assertThat(failed.get()).isNull();
        assertThat(loaded.get().size()).isZero();
        assertThat(catalog.loaded()).isTrue();
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        // Later callers get the loaded index at once, without another first load.
        int attempts = repository.attempts.get();
        assertThat(catalog.index().await().atMost(WAIT)).isSameAs(loaded.get());
        assertThat(repository.attempts.get()).isEqualTo(attempts);
    }

    /** A database that refuses every read until told otherwise, then has no automation. */
    private static final class UnreadyDatabase extends AutomationRepository {
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean failing = true;

        @Override
        public Uni<List<AutomationEntity>> listEnabledAfter(UUID after, int limit) {
            attempts.incrementAndGet();
            return failing ? Uni.createFrom().failure(new IllegalStateException("sorry, too many clients already"))
                    : Uni.createFrom().item(List.of());
        }
    }

    /** The settings the catalog reads, with short pauses between attempts. */
    private static EvaluatorConfig config() {
        EvaluatorConfig.LoadRetry retry = stub(EvaluatorConfig.LoadRetry.class, Map.of(
                "initialBackoff", Duration.ofMillis(10), "maxBackoff", Duration.ofMillis(40)));
        return stub(EvaluatorConfig.class, Map.of("loadPageSize", 250, "loadRetry", retry));
    }

    private static <T> T stub(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object value = values.get(method.getName());
            if (value == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return value;
        }));
    }
}
