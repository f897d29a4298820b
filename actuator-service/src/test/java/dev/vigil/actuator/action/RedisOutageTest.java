package dev.vigil.actuator.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.testsupport.RedisOutage;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An action whose message arrives while Redis cannot be reached waits for Redis and then runs once,
 * instead of failing to the dead-letter topic: the actuator reaches Redis through a proxy the test cuts.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
@QuarkusTestResource(value = RedisOutage.class, restrictToAnnotatedClass = true)
class RedisOutageTest {

    /** Several claim attempts long. */
    private static final Duration OUTAGE = Duration.ofSeconds(2);

    @Inject
    ActionExecutor executor;

    @Inject
    RedisDataSource redis;

    @Test
    void anActionThatArrivesWhileRedisIsDownRunsOnceWhenItIsBack() throws Exception {
        String path = "/outage/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        ActionMessage message = Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{}"));

        RedisOutage.cut();
        CompletableFuture<Void> running;
        try {
            running = CompletableFuture.runAsync(() -> InVertx.await(() -> executor.execute(message)));
            Thread.sleep(OUTAGE.toMillis());
            assertThat(running).isNotDone();
            assertThat(Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
        } finally {
            RedisOutage.restore();
        }

        running.get(30, TimeUnit.SECONDS);
        assertThat(Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
        assertThat(redis.value(String.class).get(ActionLedger.key(message))).isEqualTo("done");
    }
}
