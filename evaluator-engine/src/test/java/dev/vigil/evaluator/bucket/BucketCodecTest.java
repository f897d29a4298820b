package dev.vigil.evaluator.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BucketCodecTest {

    private static final ObjectMapper JSON = VigilJson.mapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final OffsetDateTime OCCURRED = OffsetDateTime.parse("2026-01-01T00:00:05.5Z");
    private static final ReceivedEvent EVENT = new ReceivedEvent(OCCURRED, "job.started",
            Resource.of("job.a"), List.of(), Map.of("k", "v"), new UUID(0, 7), null, OCCURRED);
    private static final BucketKey KEY = new BucketKey(new UUID(0, 0), new UUID(0, 1), new UUID(0, 2),
            List.of("job.a", "quote \" backslash \\ newline \n é"));

    private final BucketCodec codec = new BucketCodec(JSON);

    /** What earlier versions stored: Jackson's rendering of the record, the key's values added. */
    private static String writtenByEarlierVersions(Bucket bucket, List<String> values) {
        ObjectNode stored = JSON.valueToTree(bucket);
        if (values != null) {
            stored.set(RedisKeys.BUCKET_VALUES_FIELD, JSON.valueToTree(values));
        }
        return stored.toString();
    }

    @Test
    void readsBucketsWrittenByEarlierVersionsWithTheirLastEvent() {
        Bucket stored = new Bucket(T0, T0.plusSeconds(10), 3, EVENT, T0.plusSeconds(4));

        BucketCodec.Decoded read = codec.read(writtenByEarlierVersions(stored, KEY.values()));

        assertThat(read.bucket()).isEqualTo(stored);
        assertThat(read.values()).isEqualTo(KEY.values());
    }

    @Test
    void readsBucketsWrittenBeforeTheirValuesWereStored() {
        Bucket stored = new Bucket(T0, T0.plusSeconds(10), -1, null);

        BucketCodec.Decoded read = codec.read(writtenByEarlierVersions(stored, null));

        assertThat(read.bucket()).isEqualTo(stored);
        assertThat(read.values()).isNull();
    }

    @Test
    void writesWhatItReadsBackWithAndWithoutALastEvent() {
        for (Bucket bucket : List.of(new Bucket(T0, T0.plusSeconds(10), 2, null),
                new Bucket(T0, T0.plusSeconds(10), 0, EVENT, T0.plusSeconds(1)))) {
            BucketCodec.Decoded read = codec.read(codec.write(bucket, KEY.values()));
            assertThat(read.bucket()).isEqualTo(bucket);
            assertThat(read.values()).isEqualTo(KEY.values());
        }
    }

    @Test
    void whatItWritesIsTheJsonEarlierVersionsRead() throws Exception {
        Bucket bucket = new Bucket(T0, T0.plusSeconds(10), 2, EVENT, T0.plusSeconds(1));

        String written = codec.write(bucket, KEY.values());

        // A replica still on an earlier version reads the bucket with Jackson's data binding.
        assertThat(JSON.readValue(written, Bucket.class)).isEqualTo(bucket);
        assertThat(JSON.readTree(written).get(RedisKeys.BUCKET_VALUES_FIELD))
                .isEqualTo(JSON.valueToTree(KEY.values()));
    }

    @Test
    void theWorkingStateReadsABucketWrittenByAnEarlierVersionAndRewritesItInTheNewForm() {
        Bucket stored = new Bucket(T0, T0.plusSeconds(10), 3, EVENT);
        String key = RedisKeys.bucket(KEY);
        StateSnapshot snapshot = new StateSnapshot(JSON, Map.of(key, writtenByEarlierVersions(stored, KEY.values())));

        assertThat(snapshot.find(KEY)).contains(stored);
        Bucket counted = new Bucket(T0, T0.plusSeconds(10), 4, null);
        snapshot.save(KEY, counted);
        assertThat(snapshot.writeValue(key)).doesNotContain("last_event");
        assertThat(snapshot.find(KEY)).contains(counted);
    }
}
