package dev.vigil.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code ops/} name only metrics the services register
 * ({@link MetricNames}, whose constants the registering code uses), and the dashboard shows every one of them.
 */
class OpsFilesTest {

    private static final Path OPS = Path.of("..", "ops");
    private static final Path DASHBOARD = OPS.resolve("grafana/vigil.json");
    private static final Path RULES = OPS.resolve("prometheus/vigil-alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\b(vigil_[a-z0-9_]+)\\b");
    private static final Pattern EXPR = Pattern.compile("^\\s*expr:\\s*(.+)$", Pattern.MULTILINE);
    private static final Set<String> REGISTERED = MetricNames.PROMETHEUS.values().stream()
            .flatMap(Collection::stream).collect(Collectors.toSet());

    @Test
    void theDashboardNamesOnlyRegisteredMetricsAndShowsThemAll() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        assertThat(expressions).isNotEmpty();
        Set<String> named = metricsIn(expressions);
        assertThat(named).isSubsetOf(REGISTERED);
        Set<String> shown = new TreeSet<>();
        MetricNames.PROMETHEUS.forEach((metric, exported) -> {
            if (exported.stream().anyMatch(named::contains)) {
                shown.add(metric);
            }
        });
        assertThat(shown).containsExactlyInAnyOrderElementsOf(MetricNames.PROMETHEUS.keySet());
    }

    @Test
    void theAlertRulesNameOnlyRegisteredMetrics() throws IOException {
        String rules = Files.readString(RULES);
        List<String> expressions = new ArrayList<>();
        Matcher expr = EXPR.matcher(rules);
        while (expr.find()) {
            expressions.add(expr.group(1));
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(4);
        assertThat(metricsIn(expressions)).isNotEmpty().isSubsetOf(REGISTERED)
                .contains("vigil_consumer_lag", "vigil_dead_letters_total", "vigil_outbox_size",
                        "vigil_storm_brake_engaged_total");
    }

    @Test
    void prometheusNamesFollowMicrometersExport() {
        assertThat(MetricNames.PROMETHEUS.get(MetricNames.EVENTS_ACCEPTED)).containsExactly("vigil_events_accepted_total");
        assertThat(MetricNames.PROMETHEUS.get(MetricNames.DELIVERY_LATENCY))
                .contains("vigil_delivery_latency_seconds_bucket");
        assertThat(MetricNames.PROMETHEUS.keySet()).allMatch(name -> name.startsWith("vigil."));
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> found = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                found.add(metric.group(1));
            }
        }
        return found;
    }
}
