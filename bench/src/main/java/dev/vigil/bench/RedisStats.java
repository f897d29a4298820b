package dev.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redis counters read with a bare RESP {@code INFO} (no client library needed). */
final class RedisStats {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final Pattern CALLS = Pattern.compile("^cmdstat_[^:]+:calls=(\\d+)");
    private static final Pattern USED_MEMORY = Pattern.compile("^used_memory:(\\d+)");
    private static final Pattern PROCESS_ID = Pattern.compile("^process_id:(\\d+)");

    private final String host;
    private final int port;

    RedisStats(String url) {
        URI uri = URI.create(url);
        host = uri.getHost();
        port = uri.getPort() < 0 ? 6379 : uri.getPort();
    }

    /** Total commands Redis has executed (sum of INFO commandstats calls). */
    long commands() throws IOException {
        return sum(info("commandstats"), CALLS);
    }

    long usedMemory() throws IOException {
        return sum(info("memory"), USED_MEMORY);
    }

    /** The Redis server's process id, for its CPU time (same host). */
    long processId() throws IOException {
        return sum(info("server"), PROCESS_ID);
    }

    private static long sum(String info, Pattern pattern) {
        long total = 0;
        for (String line : info.split("\r\n")) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                total += Long.parseLong(matcher.group(1));
            }
        }
        return total;
    }

    private String info(String section) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("INFO " + section + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String header = in.readLine();
            if (header == null || !header.startsWith("$")) {
                throw new IOException("unexpected Redis answer: " + header);
            }
            char[] body = new char[Integer.parseInt(header.substring(1))];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String(body, 0, read);
        }
    }
}
