package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second evaluator replica, with its own catalog and its own LISTEN connection, sees changes
 * made through this one, without waiting for a periodic reconcile (the replica has none) and
 * without reloading every automation: the notification names the automation that changed.
 */
@QuarkusTest
class ReplicaSyncTest {

    @Inject
    AutomationRepository repository;

    @Inject
    Vertx vertx;

    @Inject
    EvaluatorConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    private AutomationCatalog replica;
    private AutomationChangeListener listener;

    @BeforeEach
    void startReplica() throws Throwable {
        replica = new AutomationCatalog(repository, config, vertx);
        listener = new AutomationChangeListener(replica, vertx, config, url, user, Optional.empty());
        listener.start(null);
        VertxContextSupport.subscribeAndAwait(replica::index);
        // The LISTEN connection's first subscribe reloads in full (notifications may have been missed).
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.fullLoads() >= 2);
    }

    @AfterEach
    void stopReplica() {
        listener.stop(null);
    }

    private TriggerIndex replicaIndex() {
        try {
            return VertxContextSupport.subscribeAndAwait(replica::index);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createdAndPausedAutomationsReachTheOtherReplica() throws Throwable {
        String eventName = "replica." + UUID.randomUUID();
        String body = """
                {"name": "replicated", "trigger": {"posture": "Reactive", "expect": ["%s"]},
                 "actions": [{"type": "do-nothing"}]}""".formatted(eventName);
        long fullLoads = replica.fullLoads();
        long started = System.nanoTime();
        String id = given().contentType(ContentType.JSON).body(body).post("/api/automations/")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> replicaIndex().candidates(Workspaces.DEFAULT, eventName).size() == 1);
        // A figure for the record, not an assertion: timing goals belong to benchmarks.
        System.out.printf("replica-sync: the other replica saw the new automation %d ms after the POST began%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        given().contentType(ContentType.JSON).body("{\"enabled\": false}").patch("/api/automations/" + id)
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> replicaIndex().candidates(Workspaces.DEFAULT, eventName).isEmpty());
        assertThat(replica.fullLoads()).as("full loads of the replica").isEqualTo(fullLoads);
    }
}
