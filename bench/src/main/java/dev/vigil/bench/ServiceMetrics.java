package dev.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Heap of one service, from its Prometheus endpoint {@code /q/metrics}. (CPU comes from the operating system,
 * {@link ProcessCpu}: the {@code process_cpu_usage} gauge is a momentary reading and often 0 on a busy service.)
 */
final class ServiceMetrics {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The heap in use, e.g. {@code "42 MB"}, or {@code "n/a"} when the endpoint does not answer. */
    static String heap(String baseUrl) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).timeout(TIMEOUT);
            ApiKey.authorization().ifPresent(value -> builder.header("Authorization", value));
            HttpRequest request = builder.build();
            String text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            double heap = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                    heap += value(line);
                }
            }
            return "%.0f MB".formatted(heap / (1024 * 1024));
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
