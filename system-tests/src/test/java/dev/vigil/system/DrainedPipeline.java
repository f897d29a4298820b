package dev.vigil.system;

import static io.restassured.RestAssured.given;

import dev.vigil.testsupport.metrics.Scrape;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * A barrier for "nothing more happens": waits until the system has handled everything it has accepted so far.
 * Each service's consumer group commits a record only after handling it (the persister stored it, the evaluator
 * evaluated it and put its firings in the outbox, the actuator ran or parked its action), so the pipeline is
 * drained when every group has committed to the end of every partition of its topic and the evaluator's outbox
 * is empty. A late duplicate (a second firing, a second call) would have to come from one of those places, so a
 * count taken after this wait is final, on a busy box as on a quiet one, without a fixed quiet period.
 */
final class DrainedPipeline {

    /** The consumer groups of the pipeline and the topic each consumes (see each service's properties). */
    private static final Map<String, String> GROUP_TOPICS = Map.of(
            "event-persister", "events",
            "reactive-triggers", "events",
            "actuator", "actions");
    private static final String OUTBOX_SIZE = "vigil_outbox_size";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);

    private DrainedPipeline() {
    }

    /** Waits, at most {@code atMost}, until every accepted record has been handled and the outbox is empty. */
    static void await(String why, Duration atMost) {
        String bootstrap = SystemSettings.fromEnvironment().kafkaBootstrap();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await(why + ": the pipeline drained (logs: " + VigilSystem.logDir() + ")").atMost(atMost).pollInterval(POLL)
                    .until(() -> behind(admin) == 0 && outboxSize() == 0);
        }
    }

    /** Records accepted on the pipeline's topics that some group has not yet committed. */
    private static long behind(Admin admin) throws Exception {
        long behind = 0;
        for (Map.Entry<String, String> groupTopic : GROUP_TOPICS.entrySet()) {
            Map<TopicPartition, Long> ends = endOffsets(admin, groupTopic.getValue());
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(groupTopic.getKey()).partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
        }
        return behind;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static double outboxSize() {
        String metrics = given().baseUri(VigilSystem.serviceUrl(VigilService.EVALUATOR)).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        return Scrape.of(metrics).value(OUTBOX_SIZE);
    }
}
