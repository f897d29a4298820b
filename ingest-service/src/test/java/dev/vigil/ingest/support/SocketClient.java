package dev.vigil.ingest.support;

import dev.vigil.testsupport.auth.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real websocket client (java.net.http) that queues the text frames it receives and records the close. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects with the test admin key in the handshake's {@code Authorization} header. */
    public static SocketClient connect(URI httpUri, String... subprotocols) throws Exception {
        return connectWith(httpUri, TestApiKeys.bearer(TestApiKeys.ADMIN), subprotocols);
    }

    /** Connects without an {@code Authorization} header: the first frame must authenticate. */
    public static SocketClient connectAnonymous(URI httpUri, String... subprotocols) throws Exception {
        return connectWith(httpUri, null, subprotocols);
    }

    /** Connects with this {@code Authorization} header. */
    public static SocketClient connectWith(URI httpUri, String authorization, String... subprotocols) throws Exception {
        return open(httpUri, authorization == null ? Map.of() : Map.of("Authorization", authorization), subprotocols);
    }

    /** Connects with the test admin key and these other handshake headers. */
    public static SocketClient connectWithHeaders(URI httpUri, Map<String, String> headers) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN));
        return open(httpUri, all);
    }

    private static SocketClient open(URI httpUri, Map<String, String> headers, String... subprotocols)
            throws Exception {
        SocketClient client = new SocketClient();
        URI ws = URI.create(httpUri.toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CONNECT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(ws, client).get(CONNECT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(CONNECT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next frame, or null if none arrives in time. */
    public String next(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code "<code> <reason>"} once the server closed the connection. */
    public String closeStatus(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
