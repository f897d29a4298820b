package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.state.StateIndexFill;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-automation state index against real Redis: the commit script adds a bucket's key when it creates the
 * bucket, {@code /state} completes an index by one SCAN (state written before the index, or an index that
 * expired) and from then on reads the index alone, pruning members whose key is gone.
 */
@QuarkusTest
class StateIndexTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    EventEvaluationService evaluation;

    @Inject
    RedisDataSource redis;

    @Inject
    StateIndexFill fill;

    private static UUID create(String name) {
        String id = given().contentType(ContentType.JSON).body("""
                {"name": "indexed", "trigger": {"posture": "Reactive", "expect": ["%s"],
                 "for_each": ["prefect.resource.id"], "threshold": 5, "within": 600},
                 "actions": [{"type": "do-nothing"}]}""".formatted(name))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private void evaluate(String name, String resourceId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        evaluation.evaluate(Workspaces.DEFAULT, new ReceivedEvent(now, name, Resource.of(resourceId), List.of(),
                Map.of(), UUID.randomUUID(), null, now)).await().atMost(WAIT);
    }

    private Set<String> index(UUID automation) {
        return redis.set(String.class).smembers(RedisKeys.stateIndex(Workspaces.DEFAULT, automation));
    }

    private static String bucketKey(UUID automation, String resourceId) {
        UUID trigger = UUID.fromString(given().get("/api/automations/" + automation).then().statusCode(200)
                .extract().path("trigger.id"));
        return RedisKeys.bucket(new BucketKey(Workspaces.DEFAULT, automation, trigger, List.of(resourceId)));
    }

    private static void stateLists(UUID automation, String... resourceIds) {
        given().get("/api/automations/" + automation + "/state").then().statusCode(200)
                .body("buckets", hasSize(resourceIds.length))
                .body("buckets.bucket.'prefect.resource.id'", containsInAnyOrder((Object[]) resourceIds));
    }

    @Test
    void theCommitAddsACreatedBucketToTheIndexAndTheIndexLivesAsLongAsIt() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        evaluate(name, "svc.a");
        // No reader yet: the commit creates no index (one it created would be incomplete, and read by a SCAN).
        assertThat(index(automation)).isEmpty();
        stateLists(automation, "svc.a");
        evaluate(name, "svc.a");
        evaluate(name, "svc.b");
        assertThat(index(automation)).containsExactlyInAnyOrder(RedisKeys.STATE_INDEX_COMPLETE,
                bucketKey(automation, "svc.a"), bucketKey(automation, "svc.b"));
        long indexTtl = redis.key().pttl(RedisKeys.stateIndex(Workspaces.DEFAULT, automation));
        long bucketTtl = redis.key().pttl(bucketKey(automation, "svc.b"));
        assertThat(indexTtl).isPositive().isGreaterThanOrEqualTo(bucketTtl - Duration.ofSeconds(5).toMillis());
    }

    @Test
    void theFirstReadScansAndCompletesTheIndexThenReadsItAlone() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        evaluate(name, "svc.a");
        evaluate(name, "svc.b");
        stateLists(automation, "svc.a", "svc.b");
        assertThat(index(automation)).contains(RedisKeys.STATE_INDEX_COMPLETE, bucketKey(automation, "svc.a"),
                bucketKey(automation, "svc.b"));

        evaluate(name, "svc.c");
        stateLists(automation, "svc.a", "svc.b", "svc.c");
        // Taken out of the complete index, a live bucket is no longer listed: the read does not scan.
        redis.set(String.class).srem(RedisKeys.stateIndex(Workspaces.DEFAULT, automation),
                bucketKey(automation, "svc.c"));
        stateLists(automation, "svc.a", "svc.b");
    }

    @Test
    void stateWrittenBeforeTheIndexIsFoundByTheScanAndAddedToIt() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        evaluate(name, "svc.old");
        // As if svc.old had been written by a version without the index (or the index expired); svc.new does not
        // start a fresh one, which would be incomplete.
        redis.key().del(RedisKeys.stateIndex(Workspaces.DEFAULT, automation));
        evaluate(name, "svc.new");
        assertThat(index(automation)).isEmpty();

        stateLists(automation, "svc.old", "svc.new");
        assertThat(index(automation)).containsExactlyInAnyOrder(RedisKeys.STATE_INDEX_COMPLETE,
                bucketKey(automation, "svc.old"), bucketKey(automation, "svc.new"));
    }

    @Test
    void aMemberWhoseBucketIsGoneIsPrunedWhenRead() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        evaluate(name, "svc.a");
        evaluate(name, "svc.gone");
        stateLists(automation, "svc.a", "svc.gone");
        redis.key().del(bucketKey(automation, "svc.gone"));

        stateLists(automation, "svc.a");
        assertThat(index(automation)).containsExactlyInAnyOrder(RedisKeys.STATE_INDEX_COMPLETE,
                bucketKey(automation, "svc.a"));
    }

    @Test
    void anAutomationWithoutStateGetsACompleteEmptyIndexThatExpires() {
        UUID automation = create("indexed." + UUID.randomUUID());
        stateLists(automation);
        assertThat(index(automation)).containsExactly(RedisKeys.STATE_INDEX_COMPLETE);
        assertThat(redis.key().pttl(RedisKeys.stateIndex(Workspaces.DEFAULT, automation))).isPositive();
    }

    /**
     * The race a fill must not lose: a bucket created during the scan (so the scan missed it) joined the index,
     * then the index expired before the fill; a fill that marked the fresh set complete would hide that bucket.
     */
    @Test
    void aFillIsNotMarkedCompleteWhenTheIndexExpiredDuringTheScan() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        String index = RedisKeys.stateIndex(Workspaces.DEFAULT, automation);
        evaluate(name, "svc.before");
        redis.key().del(index); // state from before the index: the next read scans

        String token = fill.begin(index).await().atMost(WAIT);
        List<String> scanned = List.of(bucketKey(automation, "svc.before"));
        evaluate(name, "svc.during"); // created after the scan passed: only the index has it
        redis.key().del(index); // the index expires before the fill
        assertThat(fill.complete(index, token, scanned).await().atMost(WAIT)).isFalse();
        assertThat(index(automation)).doesNotContain(RedisKeys.STATE_INDEX_COMPLETE);

        stateLists(automation, "svc.before", "svc.during");
        assertThat(index(automation)).containsExactlyInAnyOrder(RedisKeys.STATE_INDEX_COMPLETE,
                bucketKey(automation, "svc.before"), bucketKey(automation, "svc.during"));
    }

    @Test
    void aBucketCreatedDuringTheScanIsKeptByTheIndexTheFillCompletes() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        String index = RedisKeys.stateIndex(Workspaces.DEFAULT, automation);
        evaluate(name, "svc.before");
        redis.key().del(index);

        String token = fill.begin(index).await().atMost(WAIT);
        evaluate(name, "svc.during");
        assertThat(fill.complete(index, token, List.of(bucketKey(automation, "svc.before"))).await().atMost(WAIT))
                .isTrue();
        assertThat(index(automation)).containsExactlyInAnyOrder(RedisKeys.STATE_INDEX_COMPLETE,
                bucketKey(automation, "svc.before"), bucketKey(automation, "svc.during"));
        stateLists(automation, "svc.before", "svc.during");
    }

    @Test
    void anotherReadersFillTokenIsNeitherListedNorPruned() {
        String name = "indexed." + UUID.randomUUID();
        UUID automation = create(name);
        String index = RedisKeys.stateIndex(Workspaces.DEFAULT, automation);
        evaluate(name, "svc.a");
        String slowReader = fill.begin(index).await().atMost(WAIT);
        stateLists(automation, "svc.a"); // a second reader scans and completes the index meanwhile
        stateLists(automation, "svc.a"); // then reads it: the slow reader's token is no key to list or prune
        assertThat(index(automation)).contains(slowReader);
        assertThat(fill.complete(index, slowReader, List.of()).await().atMost(WAIT)).isTrue();
        assertThat(index(automation)).containsExactlyInAnyOrder(RedisKeys.STATE_INDEX_COMPLETE,
                bucketKey(automation, "svc.a"));
    }
}
