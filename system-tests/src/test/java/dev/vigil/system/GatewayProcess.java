package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real nginx gateway, driven through {@code bin/gateway} with its own directory. */
final class GatewayProcess {

    /** {@code bin/gateway} waits 10 s for the port itself; this bounds the whole script. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final Path dir;
    private final Path cliLog;
    private final int port;

    private GatewayProcess(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.cliLog = dir.resolveSibling("gateway-cli.log");
        this.port = port;
    }

    /** Starts nginx on {@code port} in front of the given upstreams ({@code host:port} each). */
    static GatewayProcess start(Path script, Path dir, int port, Map<VigilService, String> upstreams) {
        GatewayProcess gateway = new GatewayProcess(script, dir, port);
        gateway.truncateCliLog();
        gateway.run("stop"); // a leftover of an interrupted run, if any
        List<String> args = new ArrayList<>(List.of("start", "--port", Integer.toString(port)));
        upstreams.forEach((service, hostPort) -> args.addAll(List.of(service.gatewayOption(), hostPort)));
        gateway.run(args.toArray(String[]::new));
        return gateway;
    }

    String url() {
        return "http://" + SystemSettings.LOOPBACK + ":" + port;
    }

    void stop() {
        run("stop");
    }

    private void truncateCliLog() {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(cliLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset " + cliLog, e);
        }
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.toString()));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(cliLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT.toSeconds()
                        + " s");
            }
            if (process.exitValue() != 0) {
                throw failure(String.join(" ", command) + " failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + "\n" + LogFiles.tail(cliLog)
                + "\n" + LogFiles.tail(dir.resolve("logs/error.log")));
    }
}
