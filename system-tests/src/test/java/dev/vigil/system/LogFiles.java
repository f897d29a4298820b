package dev.vigil.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the logs the system writes, for failure messages. */
final class LogFiles {

    /** How much of a log a failure message quotes. */
    static final int TAIL_LINES = 60;

    private LogFiles() {
    }

    /** The last {@value #TAIL_LINES} lines of the file, framed, or why there are none. */
    static String tail(Path log) {
        if (!Files.exists(log)) {
            return "(no log file " + log + ")";
        }
        try {
            // Decoded leniently: a log cut mid-character must not hide the rest.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "---- last " + tail.size() + " lines of " + log + " ----\n" + String.join("\n", tail)
                    + "\n---- end of " + log.getFileName() + " ----";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
