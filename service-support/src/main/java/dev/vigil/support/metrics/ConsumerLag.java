package dev.vigil.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.eclipse.microprofile.config.Config;

/**
 * {@value MetricNames#CONSUMER_LAG}: for each Kafka channel this service consumes, the records between its
 * consumers' positions and the ends of their assigned partitions, summed from the Kafka client's own
 * {@code records-lag} metrics. Read when scraped: nothing is added to the consuming path, and reading a
 * client metric is safe from any thread (the consumer itself is not touched).
 */
@ApplicationScoped
public class ConsumerLag {

    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String CONNECTOR = ".connector";
    private static final String KAFKA = "smallrye-kafka";
    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";
    private static final String PARTITION = "partition";

    private final KafkaClientService kafka;
    private final MeterRegistry registry;
    private final Config config;

    public ConsumerLag(KafkaClientService kafka, MeterRegistry registry, Config config) {
        this.kafka = kafka;
        this.registry = registry;
        this.config = config;
    }

    void register(@Observes StartupEvent started) {
        for (String property : config.getPropertyNames()) {
            if (!property.startsWith(PREFIX) || !property.endsWith(CONNECTOR)
                    || !KAFKA.equals(config.getOptionalValue(property, String.class).orElse(""))) {
                continue;
            }
            String channel = property.substring(PREFIX.length(), property.length() - CONNECTOR.length());
            String group = config.getOptionalValue(PREFIX + channel + ".group.id", String.class)
                    .or(() -> config.getOptionalValue("kafka.group.id", String.class))
                    .orElse(channel);
            Gauge.builder(MetricNames.CONSUMER_LAG, () -> lag(channel))
                    .description("Records behind the end of the partitions the channel's consumers are assigned")
                    .tag(MetricNames.GROUP, group).tag(MetricNames.CHANNEL, channel)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private double lag(String channel) {
        List<KafkaConsumer<Object, Object>> consumers;
        try {
            consumers = kafka.getConsumers(channel);
        } catch (RuntimeException notStarted) {
            return Double.NaN;
        }
        double total = 0;
        for (KafkaConsumer<Object, Object> consumer : consumers) {
            total += lag(consumer.unwrap().metrics());
        }
        return total;
    }

    static double lag(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (RECORDS_LAG.equals(name.name()) && FETCH_METRICS.equals(name.group())
                    && name.tags().containsKey(PARTITION)) {
                Object value = entry.getValue().metricValue();
                if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                    total += number.doubleValue();
                }
            }
        }
        return total;
    }
}
