package dev.vigil.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventVacuumTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    EventVacuum vacuum;

    private void insert(UUID workspace, UUID id, OffsetDateTime occurred) {
        pool.preparedQuery("""
                INSERT INTO ingest.events (workspace_id, id, occurred, event, resource_id, resource, received)
                VALUES ($1, $2, $3, 'e', 'r', '{"prefect.resource.id": "r"}', now())""")
                .execute(Tuple.of(workspace, id, occurred)).await().atMost(WAIT);
    }

    private long count(UUID workspace) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.events WHERE workspace_id = $1")
                .execute(Tuple.of(workspace)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    void eventsOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        UUID workspace = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID recent = UUID.randomUUID();
        insert(workspace, UUID.randomUUID(), now.minusDays(8));
        insert(workspace, UUID.randomUUID(), now.minusDays(7).minusMinutes(1));
        insert(workspace, recent, now.minusDays(6));
        assertThat(vacuum.vacuum().await().atMost(WAIT)).isGreaterThanOrEqualTo(2);
        assertThat(count(workspace)).isEqualTo(1);
    }
}
