package dev.vigil.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in OTLP/HTTP collector for the system under test, so that the services run with tracing on (their SDK
 * starts only when {@code VIGIL_OTLP_ENDPOINT} is set): it accepts every export and counts them.
 */
final class OtlpReceiver implements AutoCloseable {

    private static final int OK = 200;

    private final HttpServer server;
    private final AtomicLong exports = new AtomicLong();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(SystemSettings.LOOPBACK, 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    body.readAllBytes();
                }
                receiver.exports.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(OK, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("the stand-in OTLP receiver did not start", e);
        }
    }

    /** The base URL the services export to. */
    String endpoint() {
        return "http://" + SystemSettings.LOOPBACK + ":" + server.getAddress().getPort();
    }

    /** Export requests received so far. */
    long exports() {
        return exports.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
