package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time of the processes that make up the system, read from the operating system (the benchmark runs on the
 * services' host): the services and Kafka by the pid files {@code bin/up} writes under its run directory, Redis by the process id it
 * reports, and PostgreSQL as every {@code postgres} process (the server is shared, so that share includes other
 * databases' work). Unlike a metrics gauge, the difference of two samples covers the whole interval.
 */
final class ProcessCpu {

    private static final List<String> SERVICES = List.of("ingest", "evaluator", "actuator");

    private final Map<String, Supplier<Stream<ProcessHandle>>> groups = new LinkedHashMap<>();

    ProcessCpu(Path runDir, RedisStats redis) {
        for (String name : SERVICES) {
            groups.put(name, () -> pidFrom(runDir.resolve("pids").resolve(name + ".pid")).stream());
        }
        groups.put("kafka", () -> pidFrom(runDir.resolve("kafka").resolve("kafka.pid")).stream());
        groups.put("redis", () -> {
            try {
                return ProcessHandle.of(redis.processId()).stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        });
        groups.put("postgres", () -> ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false)));
    }

    /** Total CPU time so far of each group's live processes. */
    Map<String, Duration> sample() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        groups.forEach((name, processes) -> cpu.put(name, processes.get()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus)));
        return cpu;
    }

    /** Each group's CPU between two samples, as a share of one core over {@code wall}. */
    static String shares(Map<String, Duration> from, Map<String, Duration> to, Duration wall) {
        StringBuilder text = new StringBuilder("CPU (share of one core):");
        to.forEach((name, total) -> {
            Duration used = total.minus(from.getOrDefault(name, Duration.ZERO));
            text.append(' ').append(name).append(' ')
                    .append(used.isNegative() ? "n/a" : "%.0f%%".formatted(100.0 * used.toNanos() / wall.toNanos()));
        });
        return text.toString();
    }

    /**
     * Each group's CPU between two samples per accepted event, in microseconds, with the whole system's sum; the
     * actuator's also per delivered action, since it works per action rather than per event.
     */
    static String perEvent(Map<String, Duration> from, Map<String, Duration> to, long events, long actions) {
        if (events <= 0) {
            return "CPU per event: n/a (no event accepted)";
        }
        StringBuilder text = new StringBuilder("CPU per accepted event (µs):");
        long total = 0;
        for (Map.Entry<String, Duration> entry : to.entrySet()) {
            long used = entry.getValue().minus(from.getOrDefault(entry.getKey(), Duration.ZERO)).toNanos();
            total += Math.max(used, 0);
            text.append(' ').append(entry.getKey()).append(' ').append(used < 0 ? "n/a" : "%.0f".formatted(used / 1e3 / events));
            if ("actuator".equals(entry.getKey()) && actions > 0 && used >= 0) {
                text.append(" (%.0f per action)".formatted(used / 1e3 / actions));
            }
        }
        return text.append("; system %.0f".formatted(total / 1e3 / events)).toString();
    }

    private static Optional<ProcessHandle> pidFrom(Path file) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
