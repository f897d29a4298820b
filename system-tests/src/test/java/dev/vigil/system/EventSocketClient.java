package dev.vigil.system;

import dev.vigil.testsupport.auth.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real websocket client of {@code /api/events/in}: sends frames one at a time and records the
 * frames the server answers with and how (if) the server closed the connection.
 */
final class EventSocketClient implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    /** How the server ended a connection, and the largest message sent on it (the close may come later). */
    record Close(int code, String reason, int largestMessage) {
    }

    private final HttpClient http;
    private final URI uri;
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<Close> closes = new CopyOnWriteArrayList<>();
    private volatile WebSocket socket;
    private volatile boolean open;
    private volatile int largestMessage;

    EventSocketClient(HttpClient http, URI uri) {
        this.http = http;
        this.uri = uri;
        connect();
    }

    void sendText(String message) {
        reconnectIfClosed();
        largestMessage = Math.max(largestMessage, message.length());
        await(socket.sendText(message, true));
    }

    void sendBinary(byte[] message) {
        reconnectIfClosed();
        largestMessage = Math.max(largestMessage, message.length);
        await(socket.sendBinary(ByteBuffer.wrap(message), true));
    }

    List<String> replies() {
        return replies;
    }

    List<Close> closes() {
        return closes;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private void reconnectIfClosed() {
        if (!open) {
            connect();
        }
    }

    private void connect() {
        socket = http.newWebSocketBuilder().connectTimeout(SEND_TIMEOUT)
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.forPath(uri.getPath())))
                .buildAsync(uri, new Listener()).orTimeout(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        open = true;
        largestMessage = 0;
    }

    private void await(CompletableFuture<WebSocket> sent) {
        try {
            sent.orTimeout(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            if (open) {
                throw e;
            }
            // The server closed the connection while the frame was on its way; recorded in closes().
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                replies.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            closes.add(new Close(statusCode, reason, largestMessage));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
            closes.add(new Close(-1, String.valueOf(error), largestMessage));
        }
    }
}
