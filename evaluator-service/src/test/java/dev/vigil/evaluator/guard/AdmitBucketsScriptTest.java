package dev.vigil.evaluator.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code admit-buckets.lua} on its own, one automation at a time: which candidate buckets it admits, keeps and
 * refuses, and what it leaves in the automation's sorted set of live buckets.
 */
@QuarkusTest
class AdmitBucketsScriptTest {

    private static final LuaScript ADMIT = LuaScript.load(BucketQuota.class, "/lua/admit-buckets.lua");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX = 2;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Inject
    ReactiveRedisDataSource reactive;

    @Inject
    RedisDataSource redis;

    private final String index = "vigil:test:bucket-index:" + UUID.randomUUID();
    private final String notice = "vigil:test:bucket-limit-notice:" + UUID.randomUUID();

    /** Runs the script for {@link #index} with the candidates (member, expiry pairs); the refused members. */
    private List<String> admit(long now, Object... candidates) {
        Response reply = run(now, candidates);
        List<String> refused = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            refused.add(reply.get(i).toString());
        }
        return refused;
    }

    /** The script's reply for {@link #index}: {notice raised (1) or not (0), refused members...}. */
    private Response run(long now, Object... candidates) {
        List<String> args = new ArrayList<>(List.of(Long.toString(now), Integer.toString(MAX), "60",
                Integer.toString(candidates.length / 2)));
        for (Object candidate : candidates) {
            args.add(candidate.toString());
        }
        return ADMIT.run(reactive, List.of(index, notice), args).await().atMost(WAIT).get(0);
    }

    private OptionalDouble score(String member) {
        return redis.sortedSet(String.class).zscore(index, member);
    }

    @Test
    void admitsNewBucketsUpToTheQuotaAndRefusesTheRest() {
        long now = System.currentTimeMillis();
        assertThat(admit(now, "a", now + HOUR, "b", now + HOUR, "c", now + HOUR)).containsExactly("c");
        assertThat(redis.sortedSet(String.class).zrange(index, 0, -1)).containsExactly("a", "b");
        assertThat(redis.key().pttl(index)).isPositive();
    }

    @Test
    void aLiveBucketIsKeptAndItsExpiryOnlyMovesLater() {
        long now = System.currentTimeMillis();
        admit(now, "a", now + HOUR, "b", now + HOUR);
        // Full: a live bucket is still kept, a new one refused.
        assertThat(admit(now, "a", now + 2 * HOUR, "c", now + HOUR)).containsExactly("c");
        assertThat(score("a")).hasValue(now + 2 * HOUR);
        assertThat(admit(now, "a", now + HOUR)).isEmpty();
        assertThat(score("a")).hasValue(now + 2 * HOUR);
        assertThat(redis.key().pttl(index)).isGreaterThan(HOUR + HOUR / 2);
    }

    @Test
    void anExpiredBucketNoLongerCountsAndComesBackAsANewOne() {
        long now = System.currentTimeMillis();
        admit(now, "a", now + 1_000, "b", now + HOUR);
        long later = now + 2_000; // a has expired (the set has not: it lives as long as b)
        assertThat(admit(later, "c", later + HOUR)).isEmpty();
        assertThat(score("a")).isEmpty();
        // a comes back while the set is full again: it is new, so it is refused.
        assertThat(admit(later, "a", later + HOUR)).containsExactly("a");
    }

    @Test
    void anExpiredBucketStillInTheSetIsCountedAsNew() {
        long now = System.currentTimeMillis();
        admit(now, "a", now + 1_000, "b", now + HOUR);
        long later = now + 2_000;
        // Only candidate a, expired but still a member: admitted again as a new bucket (the set has room once it
        // is dropped), with its new expiry.
        assertThat(admit(later, "a", later + HOUR)).isEmpty();
        assertThat(score("a")).hasValue(later + HOUR);
        assertThat(redis.sortedSet(String.class).zcard(index)).isEqualTo(2);
    }

    @Test
    void expiredBucketsAreDroppedOnlyWhenTheNewOnesWouldNotAllFit() {
        long now = System.currentTimeMillis();
        admit(now, "a", now + 1_000);
        long later = now + 2_000; // a has expired
        // a, expired, and b fit within the quota: nothing is dropped.
        assertThat(admit(later, "b", later + HOUR)).isEmpty();
        assertThat(score("a")).isPresent();
        // c would not fit beside a and b: a is dropped, and c takes its place.
        assertThat(admit(later, "c", later + HOUR)).isEmpty();
        assertThat(score("a")).isEmpty();
        assertThat(redis.sortedSet(String.class).zrange(index, 0, -1)).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void theFirstRefusalRaisesTheNoticeFlagAndLaterOnesDoNot() {
        long now = System.currentTimeMillis();
        assertThat(run(now, "a", now + HOUR, "b", now + HOUR).get(0).toInteger()).isZero();
        assertThat(run(now, "c", now + HOUR).get(0).toInteger()).isEqualTo(1);
        assertThat(run(now, "d", now + HOUR).get(0).toInteger()).isZero();
        assertThat(redis.key().exists(notice)).isTrue();
    }
}
