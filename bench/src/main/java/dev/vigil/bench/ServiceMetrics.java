package dev.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** CPU and heap of one service, from its Prometheus endpoint {@code /q/metrics}. */
final class ServiceMetrics {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    record Sample(double processCpu, double heapMb) {
        @Override
        public String toString() {
            return processCpu < 0 ? "n/a" : "cpu %.0f%% of one core, heap %.0f MB".formatted(processCpu * 100, heapMb);
        }
    }

    static Sample read(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).timeout(TIMEOUT).build();
            String text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            double cpu = -1;
            int cores = Runtime.getRuntime().availableProcessors();
            double heap = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("process_cpu_usage")) {
                    cpu = value(line) * cores;
                } else if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                    heap += value(line);
                }
            }
            return new Sample(cpu, heap / (1024 * 1024));
        } catch (Exception e) {
            return new Sample(-1, 0);
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
