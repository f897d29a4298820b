package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the broker and Redis that {@code bin/test} started for this run, for the fault
 * tests: Kafka through {@code bin/kafka} (same directory and ports, data kept), Redis through
 * {@code redis-cli} and {@code redis-server} with the settings it is running with (read back with
 * {@code CONFIG GET}), so that persistence and the pid file stay what {@code bin/test} chose.
 */
final class TestInfrastructure {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final String KAFKA_DIR = "kafka";

    private final SystemSettings settings;

    TestInfrastructure(SystemSettings settings) {
        this.settings = settings;
    }

    static TestInfrastructure fromEnvironment() {
        return new TestInfrastructure(SystemSettings.fromEnvironment());
    }

    void stopKafka() {
        run(kafkaScript(), "stop", "--dir", kafkaDir().toString());
    }

    void startKafka() {
        int port = URI.create("kafka://" + settings.kafkaBootstrap()).getPort();
        run(kafkaScript(), "start", "--port", Integer.toString(port), "--controller-port", Integer.toString(port + 1),
                "--dir", kafkaDir().toString());
    }

    /** Whether Redis writes an append-only file, which the Redis outage scenario depends on. */
    boolean redisPersists() {
        return "yes".equals(redisConfig("appendonly"));
    }

    /** Stops Redis the way a service manager would (SHUTDOWN, which flushes the append-only file). */
    RedisSettings stopRedis() {
        RedisSettings running = new RedisSettings(redisConfig("dir"), redisConfig("pidfile"),
                redisConfig("appendonly"), redisConfig("appendfsync"), redisConfig("save"));
        run("redis-cli", "-h", redisUri().getHost(), "-p", Integer.toString(redisUri().getPort()), "shutdown");
        return running;
    }

    void startRedis(RedisSettings settingsBeforeStop) {
        List<String> command = new ArrayList<>(List.of("redis-server",
                "--port", Integer.toString(redisUri().getPort()), "--bind", redisUri().getHost(),
                "--dir", settingsBeforeStop.dir(), "--appendonly", settingsBeforeStop.appendOnly(),
                "--appendfsync", settingsBeforeStop.appendFsync(), "--save", settingsBeforeStop.save(),
                "--daemonize", "yes"));
        if (!settingsBeforeStop.pidFile().isEmpty()) {
            command.addAll(List.of("--pidfile", settingsBeforeStop.pidFile()));
        }
        run(command.toArray(String[]::new));
    }

    /** What {@link #startRedis} needs to start Redis as it was. */
    record RedisSettings(String dir, String pidFile, String appendOnly, String appendFsync, String save) {
    }

    private String redisConfig(String name) {
        List<String> reply = run("redis-cli", "-h", redisUri().getHost(), "-p", Integer.toString(redisUri().getPort()),
                "config", "get", name);
        return reply.size() < 2 ? "" : reply.get(1);
    }

    private URI redisUri() {
        return URI.create(settings.redisUrl());
    }

    private Path kafkaDir() {
        return settings.runDir().resolve(KAFKA_DIR);
    }

    private String kafkaScript() {
        return settings.repoRoot().resolve("bin/kafka").toString();
    }

    /** Runs a command to completion; its output lines, or an exception with them if it failed. */
    private static List<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + String.join("\n", lines));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
