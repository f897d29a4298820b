package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pid of a service this suite started. A run killed before its shutdown hook ran leaves the
 * service behind: it would keep consuming the run's Kafka topics, so the next run stops it first.
 * Only a live process whose command line names the same jar is touched (pids get recycled).
 */
final class PidFile {

    private final Path file;
    private final String commandMarker;

    PidFile(Path file, String commandMarker) {
        this.file = file;
        this.commandMarker = commandMarker;
    }

    /** Stops the process a previous, interrupted run left behind, if there is one. */
    void stopLeftover(Duration grace) {
        leftover().ifPresent(process -> {
            process.destroy();
            if (!exited(process, grace)) {
                process.destroyForcibly();
                exited(process, grace);
            }
        });
        delete();
    }

    void write(long pid) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private Optional<ProcessHandle> leftover() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(line -> line.contains(commandMarker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
