package dev.vigil.actuator.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One workspace's parked actions, many times its share of the retry poller, all run after a single poll: the poller
 * refills the workspace as its retries finish instead of waiting for its interval, which this profile makes an hour
 * (so a poller that took one share per interval would leave all but the first share parked).
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
@TestProfile(RetryRefillTest.HourLongInterval.class)
class RetryRefillTest {

    private static final int SHARE = 4;
    private static final int PARKED = 40;

    public static class HourLongInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.actuator.retry.poll.interval", "1h",
                    "vigil.actuator.retry.poll.per-workspace", String.valueOf(SHARE),
                    "vigil.actuator.claim-ttl", "20s",
                    "vigil.actuator.claim-renew-interval", "2s",
                    "vigil.actuator.retry.poll.lease", "40s");
        }
    }

    @Inject
    RetryQueue queue;

    @Inject
    RetryPoller poller;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void aWorkspacesBacklogIsRefilledAsItsRetriesFinishNotOneSharePerInterval() throws Exception {
        UUID workspace = UUID.randomUUID();
        String target = "/refill-" + UUID.randomUUID();
        // Slow enough that a share is still running when the poll that took it is over.
        Receiver.SERVER.stubFor(post(urlEqualTo(target)).willReturn(aResponse().withStatus(200).withFixedDelay(50)));
        UUID block = RetryParkingTest.webhook(workspace, target);
        List<ActionMessage> messages = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < PARKED; i++) {
            ActionMessage message = RetryParkingTest.message(workspace, block);
            messages.add(message);
            jsons.add(VigilJson.mapper().writeValueAsString(message));
        }
        Set<String> parked = queue.defer(messages, jsons).await().atMost(Duration.ofSeconds(30));
        assertThat(parked).hasSize(PARKED);

        // One poll, on an event loop as the poller's timer runs it; every later one is the poller's own doing.
        CompletableFuture<Integer> firstPoll = new CompletableFuture<>();
        vertx.runOnContext(() -> poller.poll().subscribe().with(firstPoll::complete, firstPoll::completeExceptionally));
        assertThat(firstPoll.get(30, TimeUnit.SECONDS)).isEqualTo(SHARE);

        // Succeeded means the target answered 200 (a call that timed out on a loaded box is retried, by the refills too).
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(succeeded(workspace))
                .isEqualTo(PARKED));
    }

    private long succeeded(UUID workspace) {
        return pool.preparedQuery("SELECT count(*) FROM actuator.action_executions WHERE workspace_id = $1 "
                        + "AND status = 'succeeded'").execute(Tuple.of(workspace)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
