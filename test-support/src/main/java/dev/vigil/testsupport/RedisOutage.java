package dev.vigil.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the test's real Redis that a test can cut and restore, as a Redis outage:
 * while cut, every connection through it is closed and new ones are refused. The service under test
 * talks to Redis only through it ({@code quarkus.redis.hosts} points at it).
 */
public class RedisOutage implements QuarkusTestResourceLifecycleManager {

    private static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:16379/0";
    private static final int BUFFER = 16 * 1024;

    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile ServerSocket server;
    private static volatile int port;
    private static volatile URI upstream;

    @Override
    public Map<String, String> start() {
        upstream = URI.create(System.getenv().getOrDefault("VIGIL_REDIS_URL", DEFAULT_REDIS_URL));
        listen(0);
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port + upstream.getPath());
    }

    @Override
    public void stop() {
        cut();
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    public static synchronized void cut() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OPEN.forEach(RedisOutage::closeQuietly);
        OPEN.clear();
    }

    /** Accepts connections again, on the same port. */
    public static synchronized void restore() {
        if (server == null) {
            listen(port);
        }
    }

    private static synchronized void listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = socket;
            port = socket.getLocalPort();
            Thread acceptor = new Thread(() -> accept(socket), "redis-outage-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket redis = new Socket(upstream.getHost(), upstream.getPort());
                OPEN.add(client);
                OPEN.add(redis);
                pump(client, redis);
                pump(redis, client);
            } catch (IOException closedOrRefused) {
                // cut() closed the server socket, or the real Redis refused: the client sees a closed connection.
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // One side closed: close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                OPEN.remove(from);
                OPEN.remove(to);
            }
        }, "redis-outage-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
