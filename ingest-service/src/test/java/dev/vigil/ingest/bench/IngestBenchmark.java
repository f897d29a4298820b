package dev.vigil.ingest.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throughput of ingest against a running service and its broker: {@code POST /api/events} in batches
 * of 100 and as single events, and {@code /api/events/in} websocket frames. Not a test; run it by hand:
 *
 * <pre>
 * mvn -B -q test-compile -pl ingest-service -am
 * java -cp ingest-service/target/test-classes dev.vigil.ingest.bench.IngestBenchmark http://127.0.0.1:8081 15 64 4
 * </pre>
 *
 * Arguments: base URL, seconds per phase, connections, requests pipelined per connection (HTTP/1.1
 * keep-alive; in flight = connections x depth), optionally the server's process id: then each
 * phase also reports the server's CPU time per 1,000 events (from {@code /proc}), a figure other work
 * on the machine does not move the way it moves rates, and optionally the phases to run
 * ({@code batched,single,socket}, the default; e.g. to profile one alone). One thread drives every connection through a
 * selector, so the client takes as little as possible of the CPU it shares with the server. Latency
 * is from writing a request to reading its response. Every event gets a new id.
 */
public final class IngestBenchmark {

    private static final int BATCH = 100;
    private static final int NO_CONTENT = 204;
    private static final int WARMUP_SECONDS = 5;
    private static final int SOCKETS = 16;
    /** Windows of events each websocket keeps unanswered: 400 events, under the server's 1,000 per connection. */
    private static final int WINDOWS_IN_FLIGHT = 4;
    /** What the server's error frame says about an event the broker did not acknowledge. */
    private static final String BROKER_REFUSED = "Event broker unavailable";
    private static final int READ_BUFFER = 1 << 16;
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long NANOS_PER_MS = 1_000_000L;

    private static final Path PROC = Path.of("/proc");
    /** utime and stime, fields 14 and 15 of stat(5), counted from the state (field 3) after the command. */
    private static final int UTIME = 11;
    private static final int STIME = 12;
    /** USER_HZ, the unit of /proc/[pid]/stat times, on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** The server counts as idle (its persister has stored the phase's events) below this share of a core. */
    private static final double IDLE_SHARE = 0.05;
    private static final long IDLE_PROBE_MS = 1000;
    private static final int MAX_SETTLE_SECONDS = 120;

    private final InetSocketAddress address;
    private final long serverPid;
    private final String host;
    private final String idPrefix = UUID.randomUUID().toString().substring(0, 24);
    private long nextId;

    /**
     * {@code Authorization: Bearer <key>} and CRLF on every request and handshake: the key is VIGIL_API_KEY,
     * else bin/up's .run/admin-api-key; empty (no header) when there is neither, for a service with
     * vigil.auth.enabled=false.
     */
    private final String authorizationLine = apiKey().map(key -> "Authorization: Bearer " + key + "\r\n").orElse("");

    private static Optional<String> apiKey() {
        String fromEnv = System.getenv("VIGIL_API_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        Path file = Path.of(".run", "admin-api-key");
        try {
            return Files.isReadable(file)
                    ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private IngestBenchmark(URI base, long serverPid) {
        this.serverPid = serverPid;
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.host = base.getHost() + ":" + base.getPort();
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8081");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        long serverPid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        List<String> phases = List.of((args.length > 5 ? args[5] : "batched,single,socket").split(","));
        IngestBenchmark bench = new IngestBenchmark(base, serverPid);
        bench.http(1, WARMUP_SECONDS, connections, depth);
        bench.http(BATCH, WARMUP_SECONDS, connections / 4, 1);
        bench.settle();
        if (phases.contains("batched")) {
            Result batched = bench.http(BATCH, seconds, Math.max(1, connections / 4), 1);
            System.out.printf(Locale.ROOT, "POST /api/events, batches of %d: %,.0f events/s (%,.0f requests/s, "
                            + "p50 %.1f ms, p99 %.1f ms, %d failed)%s%n", BATCH, batched.perSecond() * BATCH,
                    batched.perSecond(), batched.p50(), batched.p99(), batched.failed(), cpu(batched, BATCH));
        }
        if (phases.contains("single")) {
            Result single = bench.http(1, seconds, connections, depth);
            System.out.printf(Locale.ROOT, "POST /api/events, single events: %,.0f requests/s (p50 %.1f ms, "
                            + "p99 %.1f ms, %d failed; %d connections x %d pipelined)%s%n", single.perSecond(),
                    single.p50(), single.p99(), single.failed(), connections, depth, cpu(single, 1));
        }
        if (phases.contains("socket")) {
            Result socket = bench.websocket(seconds, SOCKETS);
            System.out.printf(Locale.ROOT, "websocket /api/events/in: %,.0f events/s (%d connections x %d windows "
                    + "of %d in flight: p50 %.1f ms, p99 %.1f ms per window, %d refused)%s%n", socket.perSecond(),
                    SOCKETS, WINDOWS_IN_FLIGHT, BATCH, socket.p50(), socket.p99(), socket.failed(), cpu(socket, 1));
        }
    }

    /**
     * @param cpuSeconds the server's CPU time from the start of the phase until it was idle again after
     *     it (its persister runs behind the requests), NaN when its pid is not known
     * @param settleSeconds how long after the phase the server took to become idle
     */
    record Result(double perSecond, double p50, double p99, long failed, double cpuSeconds, long units,
            double settleSeconds) {
    }

    private static String cpu(Result result, int eventsPerUnit) {
        if (Double.isNaN(result.cpuSeconds())) {
            return "";
        }
        return String.format(Locale.ROOT, "; server CPU %.1f ms per 1,000 events (idle %.0f s after the phase)",
                result.cpuSeconds() * 1e6 / ((double) result.units() * eventsPerUnit), result.settleSeconds());
    }

    /**
     * Waits until the server is idle, so that the events of one phase are persisted (and their CPU
     * counted) before the next begins; answers its CPU seconds by then, NaN when its pid is not known.
     */
    private double settle() throws InterruptedException {
        double cpu = serverCpuSeconds();
        for (int i = 0; i < MAX_SETTLE_SECONDS && !Double.isNaN(cpu); i++) {
            Thread.sleep(IDLE_PROBE_MS);
            double now = serverCpuSeconds();
            boolean idle = now - cpu < IDLE_SHARE * IDLE_PROBE_MS / 1000.0;
            cpu = now;
            if (idle) {
                break;
            }
        }
        return cpu;
    }

    /** The server's user and system CPU seconds so far, NaN when unknown. */
    private double serverCpuSeconds() {
        if (serverPid < 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(serverPid)).resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]))
                    / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** One keep-alive connection with its pipelined requests. */
    private static final class Connection {
        final SocketChannel channel;
        final ArrayDeque<Long> sentAt = new ArrayDeque<>();
        ByteBuffer out = ByteBuffer.allocate(0);
        final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private Result http(int perRequest, int seconds, int connections, int depth) throws IOException, InterruptedException {
        long[] latencies = new long[1 << 16];
        int count = 0;
        long failed = 0;
        try (Selector selector = Selector.open()) {
            List<Connection> all = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection c = new Connection(open());
                c.channel.register(selector, SelectionKey.OP_READ, c);
                all.add(c);
            }
            double cpuStart = serverCpuSeconds();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (Connection c : all) {
                fill(c, perRequest, depth, selector);
            }
            long outstanding = (long) connections * depth;
            while (outstanding > 0) {
                selector.select(1);
                boolean running = System.nanoTime() < end;
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isWritable()) {
                        flush(c, key);
                    }
                    if (key.isReadable()) {
                        if (c.channel.read(c.in) < 0) {
                            throw new IOException("server closed a connection");
                        }
                        c.in.flip();
                        int status;
                        while ((status = nextResponse(c.in)) > 0) {
                            long latency = System.nanoTime() - c.sentAt.removeFirst();
                            if (status == NO_CONTENT) {
                                if (count == latencies.length) {
                                    latencies = Arrays.copyOf(latencies, count * 2);
                                }
                                latencies[count++] = latency;
                            } else {
                                failed++;
                            }
                            outstanding--;
                        }
                        c.in.compact();
                        if (running) {
                            outstanding += fill(c, perRequest, depth, selector);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (Connection c : all) {
                c.channel.close();
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            long stopped = System.nanoTime();
            double cpuEnd = settle();
            return new Result(count / elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99), failed,
                    cpuEnd - cpuStart, count, (System.nanoTime() - stopped) / 1e9);
        }
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel;
    }

    /** Queues requests until {@code depth} are in flight on the connection; answers how many it added. */
    private int fill(Connection c, int perRequest, int depth, Selector selector) throws IOException {
        int added = 0;
        List<byte[]> requests = new ArrayList<>();
        while (c.sentAt.size() + added < depth) {
            requests.add(request(perRequest));
            added++;
        }
        if (added == 0) {
            return 0;
        }
        int size = c.out.remaining();
        for (byte[] r : requests) {
            size += r.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(c.out);
        requests.forEach(out::put);
        out.flip();
        c.out = out;
        long now = System.nanoTime();
        for (int i = 0; i < added; i++) {
            c.sentAt.addLast(now);
        }
        flush(c, c.channel.keyFor(selector));
        return added;
    }

    private static void flush(Connection c, SelectionKey key) throws IOException {
        c.channel.write(c.out);
        key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Consumes one complete response from {@code in}; answers its status, or 0 when it is not all there yet. */
    private static int nextResponse(ByteBuffer in) {
        int from = in.position();
        int headerEnd = indexOf(in, from);
        if (headerEnd < 0) {
            return 0;
        }
        String head = new String(in.array(), from, headerEnd - from, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        int total = headerEnd + HEADER_END.length - from + length;
        if (in.remaining() < total) {
            return 0;
        }
        in.position(from + total);
        return status;
    }

    private static int indexOf(ByteBuffer in, int from) {
        byte[] a = in.array();
        for (int i = from; i + HEADER_END.length <= in.limit(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private byte[] request(int events) {
        byte[] body = batch(events).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /api/events HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + authorizationLine + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private String batch(int size) {
        StringBuilder json = new StringBuilder(size * 160).append('[');
        String now = Instant.now().toString();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(event(now, i));
        }
        return json.append(']').toString();
    }

    private String event(String now, int i) {
        return "{\"id\":\"" + idPrefix + String.format(Locale.ROOT, "%012x", nextId++) + "\",\"occurred\":\"" + now
                + "\",\"event\":\"bench.event\",\"resource\":{\"prefect.resource.id\":\"bench." + (i % 16)
                + "\"},\"payload\":{\"i\":" + i + "}}";
    }

    /**
     * Events per second handled by {@code /api/events/in} over {@code connections} websockets. The
     * protocol has no acknowledgement, but the server answers a frame only after the broker's verdict
     * on every event before it, and it answers a frame that is not an event with an error frame. So
     * each connection sends windows of {@value #BATCH} events, each closed by {@code {}}, keeping
     * {@value #WINDOWS_IN_FLIGHT} windows in flight (under the server's bound of events awaiting the
     * broker per connection): the error frame that answers a window says that every event of it was
     * published. Latency is per window.
     */
    private Result websocket(int seconds, int connections) throws Exception {
        List<SocketChannel> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            sockets.add(handshake());
        }
        ByteBuffer marker = frame(0x1, "{}".getBytes(StandardCharsets.UTF_8));
        double cpuStart = serverCpuSeconds();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long[][] windows = new long[connections][];
        int[] counts = new int[connections];
        int[] refused = new int[connections];
        for (int c = 0; c < connections; c++) {
            int index = c;
            SocketChannel s = sockets.get(c);
            String now = Instant.now().toString();
            Thread t = new Thread(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                ArrayDeque<Long> sentAt = new ArrayDeque<>();
                try {
                    ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
                    while (System.nanoTime() < end || !sentAt.isEmpty()) {
                        if (System.nanoTime() < end && sentAt.size() < WINDOWS_IN_FLIGHT) {
                            List<ByteBuffer> frames = new ArrayList<>();
                            synchronized (this) {
                                for (int i = 0; i < BATCH; i++) {
                                    frames.add(frame(0x1, event(now, i).getBytes(StandardCharsets.UTF_8)));
                                }
                            }
                            frames.add(marker.duplicate());
                            ByteBuffer[] window = frames.toArray(ByteBuffer[]::new);
                            sentAt.addLast(System.nanoTime());
                            while (window[window.length - 1].hasRemaining()) {
                                s.write(window);
                            }
                            continue;
                        }
                        if (readTextFrame(s, in).contains(BROKER_REFUSED)) {
                            refused[index]++;
                            continue;
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - sentAt.removeFirst();
                    }
                    s.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                windows[index] = latencies;
                counts[index] = n;
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(windows[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        long events = (long) total * BATCH - Arrays.stream(refused).sum();
        long stopped = System.nanoTime();
        double cpuEnd = settle();
        return new Result(events / elapsed, percentile(all, 0.50), percentile(all, 0.99), Arrays.stream(refused).sum(),
                cpuEnd - cpuStart, events, (System.nanoTime() - stopped) / 1e9);
    }

    private SocketChannel handshake() throws IOException {
        SocketChannel s = SocketChannel.open(address);
        s.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        s.write(ByteBuffer.wrap(("GET /api/events/in HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: prefect\r\n" + authorizationLine + "\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
        while (indexOf((ByteBuffer) in.duplicate().flip(), 0) < 0) {
            if (s.read(in) < 0) {
                throw new IOException("websocket handshake refused");
            }
        }
        String head = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("websocket handshake refused: " + head.lines().findFirst().orElse(""));
        }
        return s;
    }

    /** Reads frames until a text frame (the server's error frame) has come whole, and answers its text. */
    private static String readTextFrame(SocketChannel s, ByteBuffer in) throws IOException {
        while (true) {
            in.flip();
            while (in.remaining() >= 2) {
                int opcode = in.get(in.position()) & 0x0F;
                int length = in.get(in.position() + 1) & 0x7F;
                int header = length == 126 ? 4 : length == 127 ? 10 : 2;
                if (in.remaining() < header) {
                    break;
                }
                long size = length == 126 ? in.getShort(in.position() + 2) & 0xFFFF
                        : length == 127 ? in.getLong(in.position() + 2) : length;
                if (in.remaining() < header + size) {
                    break;
                }
                String text = new String(in.array(), in.position() + header, (int) size, StandardCharsets.UTF_8);
                in.position(in.position() + header + (int) size);
                if (opcode == 0x8) {
                    throw new IOException("the server closed a websocket");
                }
                if (opcode == 0x1) {
                    in.compact();
                    return text;
                }
            }
            in.compact();
            if (s.read(in) < 0) {
                throw new IOException("the server closed a websocket");
            }
        }
    }

    /** A masked client frame. */
    private static ByteBuffer frame(int opcode, byte[] payload) {
        int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + payload.length);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return (double) sorted[index] / NANOS_PER_MS;
    }
}
