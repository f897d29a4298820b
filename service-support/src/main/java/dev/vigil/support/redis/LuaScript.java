package dev.vigil.support.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A Lua script of the class path, run with EVALSHA so its text is sent only when Redis has not cached it. */
public final class LuaScript {

    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    /** The script at {@code path} on the class path of {@code owner} (the service that ships it). */
    public static LuaScript load(Class<?> owner, String path) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        List<String> keyCountKeysAndArgs = new ArrayList<>(keys.size() + args.size() + 1);
        keyCountKeysAndArgs.add(Integer.toString(keys.size()));
        keyCountKeysAndArgs.addAll(keys);
        keyCountKeysAndArgs.addAll(args);
        return run(redis, keyCountKeysAndArgs);
    }

    /** Runs the script with EVAL's arguments after the script: the key count, the keys, then the arguments. */
    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keyCountKeysAndArgs) {
        List<String> bySha = new ArrayList<>(keyCountKeysAndArgs.size() + 1);
        bySha.add(sha);
        bySha.addAll(keyCountKeysAndArgs);
        return redis.execute("EVALSHA", bySha.toArray(String[]::new))
                .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT")).recoverWithUni(() -> {
                    List<String> byText = new ArrayList<>(bySha);
                    byText.set(0, text);
                    return redis.execute("EVAL", byText.toArray(String[]::new));
                });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
