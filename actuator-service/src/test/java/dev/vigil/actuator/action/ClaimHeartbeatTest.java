package dev.vigil.actuator.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Claims against real Redis: a live owner's heartbeat keeps them past their TTL, a dead owner's
 * expire and are taken over, and an owner whose claim was taken over never touches the new owner's.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class ClaimHeartbeatTest {

    @Inject
    ActionLedger ledger;

    @Inject
    ClaimHeartbeat heartbeat;

    @Inject
    ActionExecutor executor;

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource actionsRedis;

    /** A connection of its own while the actions' pool is kept busy (the heartbeat's, idle meanwhile). */
    @Inject
    @RedisClientName(ActionLedger.HEARTBEAT_CLIENT)
    RedisDataSource asideRedis;

    @ConfigProperty(name = "vigil.actuator.claim-ttl")
    Duration ttl;

    @ConfigProperty(name = "quarkus.redis.max-pool-size")
    int actionsPoolSize;

    private static ActionMessage message(String path) {
        return Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{}"));
    }

    private String value(ActionMessage message) {
        return redis.value(String.class).get(ActionLedger.key(message));
    }

    @Test
    void theHeartbeatKeepsALiveOwnersClaimPastItsTtl() throws Exception {
        ActionMessage message = message("/unused");
        String owner = UUID.randomUUID().toString();
        assertThat(InVertx.await(() -> ledger.claim(message, owner))).isEqualTo(ActionLedger.Claim.CLAIMED);
        heartbeat.hold(ActionLedger.key(message), owner);
        try {
            Thread.sleep(ttl.multipliedBy(2).toMillis());
            assertThat(value(message)).isEqualTo("claimed:" + owner);
            assertThat(InVertx.await(() -> ledger.claim(message, UUID.randomUUID().toString())))
                    .isEqualTo(ActionLedger.Claim.BUSY);
        } finally {
            heartbeat.drop(ActionLedger.key(message), owner);
        }
    }

    @Test
    void renewalsDoNotQueueBehindTheActionsRedisCalls() throws Exception {
        ActionMessage message = message("/unused");
        String key = ActionLedger.key(message);
        String owner = UUID.randomUUID().toString();
        assertThat(InVertx.await(() -> ledger.claim(message, owner))).isEqualTo(ActionLedger.Claim.CLAIMED);
        // Every connection of the actions' pool busy, and more calls waiting for one: blocking pops that
        // return only when something is pushed (or after a minute).
        String queue = "vigil:test:busy:" + UUID.randomUUID();
        int busy = actionsPoolSize + 4;
        List<CompletableFuture<Response>> pops = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            pops.add(actionsRedis.execute("BLPOP", queue, "60").subscribeAsCompletionStage());
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedClients() >= actionsPoolSize);

            assertThat(InVertx.await(() -> ledger.renew(Map.of(key, owner)))).isEmpty();

            assertThat(pops).noneMatch(CompletableFuture::isDone);
            assertThat(asideRedis.key().pttl(key)).isGreaterThan(ttl.toMillis() / 2);
        } finally {
            for (int i = 0; i < busy; i++) {
                asideRedis.list(String.class).lpush(queue, "go");
            }
            CompletableFuture.allOf(pops.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
    }

    private int blockedClients() {
        String info = asideRedis.execute("INFO", "clients").toString();
        return info.lines().filter(l -> l.startsWith("blocked_clients:"))
                .mapToInt(l -> Integer.parseInt(l.substring("blocked_clients:".length()).trim())).findFirst().orElse(0);
    }

    @Test
    void aDeadOwnersClaimIsTakenOverOnceItsTtlIsOver() {
        ActionMessage message = message("/unused");
        // Claimed by an owner that died at once: nobody renews it.
        assertThat(InVertx.await(() -> ledger.claim(message, "dead-owner"))).isEqualTo(ActionLedger.Claim.CLAIMED);
        long claimedAt = System.nanoTime();
        String next = UUID.randomUUID().toString();
        assertThat(InVertx.await(() -> ledger.claim(message, next))).isEqualTo(ActionLedger.Claim.BUSY);

        await().atMost(ttl.multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> InVertx.await(() -> ledger.claim(message, next)) == ActionLedger.Claim.CLAIMED);
        assertThat(Duration.ofNanos(System.nanoTime() - claimedAt)).isGreaterThanOrEqualTo(ttl.minusMillis(100));
        assertThat(value(message)).isEqualTo("claimed:" + next);
    }

    @Test
    void anOwnerThatLostItsClaimLeavesTheNewOwnersAlone() {
        ActionMessage message = message("/unused");
        String key = ActionLedger.key(message);
        String old = UUID.randomUUID().toString();
        String current = UUID.randomUUID().toString();
        // The old owner's claim expired and the current owner took over.
        redis.value(String.class).psetex(key, ttl.toMillis(), "claimed:" + current);
        heartbeat.hold(key, old);
        long ttlBefore = redis.key().pttl(key);

        assertThat(InVertx.await(() -> ledger.renew(Map.of(key, old)))).containsExactly(key);
        InVertx.await(heartbeat::renew);
        assertThat(InVertx.await(() -> ledger.finish(message, old, ExecutionStatus.SUCCEEDED))).isFalse();
        InVertx.await(() -> ledger.release(message, old));

        assertThat(value(message)).isEqualTo("claimed:" + current);
        assertThat(redis.key().pttl(key)).isLessThanOrEqualTo(ttlBefore);
        // The heartbeat forgot the lost claim: renewing the current owner's now extends it alone.
        heartbeat.hold(key, current);
        try {
            assertThat(InVertx.await(() -> ledger.renew(Map.of(key, current)))).isEmpty();
            assertThat(InVertx.await(() -> ledger.finish(message, current, ExecutionStatus.SUCCEEDED))).isTrue();
            assertThat(value(message)).isEqualTo("done");
        } finally {
            heartbeat.drop(key, current);
        }
    }

    @Test
    void anActionRetryingLongerThanTheTtlKeepsItsClaimAndRunsOnce() {
        String path = "/slow/" + UUID.randomUUID();
        // Every attempt outlasts a third of the TTL and the first three fail: the action runs well past its TTL.
        long delayMs = ttl.toMillis() / 3 + 1;
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(500).withFixedDelay((int) delayMs)).willSetStateTo("1"));
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("1")
                .willReturn(aResponse().withStatus(500).withFixedDelay((int) delayMs)).willSetStateTo("2"));
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(500).withFixedDelay((int) delayMs)).willSetStateTo("3"));
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("3")
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) delayMs)));
        ActionMessage message = message(path);
        long started = System.nanoTime();

        // A second delivery arrives while the first runs: it must wait, not run the action a second time.
        InVertx.await(() -> Uni.join().all(executor.execute(message),
                        Uni.createFrom().voidItem().onItem().delayIt().by(ttl.plusMillis(500))
                                .chain(() -> executor.execute(message)))
                .andFailFast().replaceWithVoid());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(ttl);
        List<?> calls = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(calls).hasSize(4);
        assertThat(value(message)).isEqualTo("done");
    }
}
