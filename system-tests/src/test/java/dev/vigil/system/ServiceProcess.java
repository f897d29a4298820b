package dev.vigil.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** One packaged service, run as {@code java -jar quarkus-run.jar} with its output in a log file. */
final class ServiceProcess {

    static final String MAX_HEAP = "-Xmx384m";
    static final String READY_PATH = "/q/health/ready";
    static final String HTTP_PORT = "QUARKUS_HTTP_PORT";
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(250);
    /** Even past the shared deadline, a service gets this long (a few probes) to show it is ready. */
    private static final Duration MIN_READY_WAIT = Duration.ofSeconds(1);
    /** Between SIGTERM and SIGKILL, at shutdown and for a leftover of an interrupted run. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Inherited variables with these prefixes are dropped: the test decides every Vigil/Quarkus setting. */
    private static final List<String> OWN_PREFIXES = List.of("VIGIL_", "QUARKUS_");

    private final VigilService service;
    /** The log and pid file's name: the module's, or the module's with a replica number. */
    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path dir;
    private final Path log;
    private final PidFile pidFile;
    private final Process process;
    private boolean stopRequested;

    private ServiceProcess(VigilService service, String name, Path jar, int port, Map<String, String> env, Path dir,
                           Path log, PidFile pidFile, Process process) {
        this.service = service;
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = env;
        this.dir = dir;
        this.log = log;
        this.pidFile = pidFile;
        this.process = process;
    }

    /**
     * Starts the service; it is not ready yet (see {@link #awaitReady}).
     *
     * @param env the service's whole Vigil/Quarkus configuration
     */
    static ServiceProcess start(VigilService service, Path jar, int port, Map<String, String> env, Path dir) {
        return start(service, service.module(), jar, port, env, dir);
    }

    private static ServiceProcess start(VigilService service, String name, Path jar, int port, Map<String, String> env,
                                        Path dir) {
        Path log = dir.resolve(name + ".log");
        return launch(service, name, jar, port, env, dir, log, ProcessBuilder.Redirect.to(log.toFile()));
    }

    private static ServiceProcess launch(VigilService service, String name, Path jar, int port,
                                         Map<String, String> env, Path dir, Path log, ProcessBuilder.Redirect output) {
        PidFile pidFile = new PidFile(dir.resolve(name + ".pid"), jar.toString());
        pidFile.stopLeftover(STOP_GRACE);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), MAX_HEAP, "-jar", jar.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().keySet().removeIf(variable -> OWN_PREFIXES.stream().anyMatch(variable::startsWith));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(dir);
            Process process = builder.start();
            pidFile.write(process.pid());
            return new ServiceProcess(service, name, jar, port, env, dir, log, pidFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module() + " (" + jar + ")", e);
        }
    }

    /**
     * Another process of the same service with the same configuration (so the same consumer groups), on
     * {@code port}, logging to {@code <module>-<replica>.log}; it is not ready yet (see {@link #awaitReady}).
     */
    ServiceProcess replica(int replica, int port) {
        Map<String, String> own = new HashMap<>(env);
        own.put(HTTP_PORT, Integer.toString(port));
        return start(service, service.module() + "-" + replica, jar, port, own, dir);
    }

    String baseUrl() {
        return "http://" + SystemSettings.LOOPBACK + ":" + port;
    }

    /** Whether the process started by this test run is still running (a restart would be a new process). */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The process's resident set size, from {@code /proc/<pid>/status}. */
    long residentBytes() {
        return ProcessMemory.residentBytes(process.pid());
    }

    String hostPort() {
        return SystemSettings.LOOPBACK + ":" + port;
    }

    /** Waits until {@value #READY_PATH} answers 200; fails with the log's tail if it dies or the deadline passes. */
    void awaitReady(Instant deadline) {
        HttpProbe ready = new HttpProbe(baseUrl() + READY_PATH);
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            await(service.module() + " ready")
                    .atMost(left.compareTo(MIN_READY_WAIT) < 0 ? MIN_READY_WAIT : left)
                    .pollInterval(READY_POLL_INTERVAL)
                    .failFast(service.module() + " exited", () -> !process.isAlive())
                    .until(ready::ok);
        } catch (TerminalFailureException e) {
            throw failure(service.module() + " exited with code " + process.exitValue() + " before it was ready");
        } catch (ConditionTimeoutException e) {
            throw failure(service.module() + " was not ready by the deadline; last probe: " + ready.lastOutcome());
        }
    }

    /** SIGKILL, as a crash would: no shutdown hook, no commit, no goodbye. Waits until the process is gone. */
    void kill() {
        stopRequested = true;
        process.destroyForcibly();
        waitFor(STOP_GRACE);
    }

    /** A new process of the same service, on the same port and configuration, logging after the old log. */
    ServiceProcess restart() {
        return launch(service, name, jar, port, env, dir, log, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** SIGTERM without waiting, so that several services shut down at once. */
    void requestStop() {
        if (!stopRequested) {
            stopRequested = true;
            process.destroy();
        }
    }

    /** SIGTERM (unless requested already), then SIGKILL after a grace period. Safe to call twice. */
    void stop() {
        requestStop();
        if (!waitFor(STOP_GRACE)) {
            process.destroyForcibly();
            waitFor(STOP_GRACE);
        }
        pidFile.delete();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + "\n" + LogFiles.tail(log));
    }
}
