package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The memory the kernel reports for a process (Linux {@code /proc}). */
final class ProcessMemory {

    private static final String RSS_LINE = "VmRSS:";
    private static final long KIB = 1024;

    private ProcessMemory() {
    }

    static long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(RSS_LINE)) {
                    String kib = line.substring(RSS_LINE.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kib) * KIB;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status, e);
        }
        throw new IllegalStateException(status + " has no " + RSS_LINE + " line");
    }
}
