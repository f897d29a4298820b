package dev.vigil.ingest.webhook;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers the signed requests a webhook accepted, in Redis, for twice the replay window: a request's
 * timestamp may be up to one window in the past or the future, so a copy can arrive that long after the first.
 * A request seen before is a replay. Its key is the Standard Webhooks {@code webhook-id} or, for Stripe,
 * the signature header (timestamp and signatures), hashed.
 */
@ApplicationScoped
public class ReplayGuard {

    private static final String PREFIX = "vigil:";
    private static final String SEPARATOR = ":";

    private final ReactiveRedisDataSource redis;

    public ReplayGuard(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** What identifies a request of this scheme, or empty when the scheme has no timestamp (nothing to guard). */
    static Optional<String> identity(SignatureScheme scheme, java.util.function.Function<String, String> header) {
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> Optional.ofNullable(header.apply(SignatureVerifier.STANDARD_ID))
                    .map(id -> "id:" + id.trim());
            case STRIPE -> Optional.ofNullable(header.apply(SignatureVerifier.STRIPE_HEADER))
                    .map(value -> "sig:" + value.trim());
            default -> Optional.empty();
        };
    }

    /** True when this is the first time the request is seen (it is remembered from now on). */
    Uni<Boolean> first(UUID workspaceId, UUID webhookId, String identity, Duration window) {
        return redis.execute("SET", key(workspaceId, webhookId, identity), "1", "NX", "EX",
                        Long.toString(window.multipliedBy(2).toSeconds()))
                .map(response -> response != null);
    }

    /** Forgets a request whose events were not accepted, so the sender's retry of it goes through. */
    Uni<Void> forget(UUID workspaceId, UUID webhookId, String identity) {
        return redis.execute("DEL", key(workspaceId, webhookId, identity)).replaceWithVoid();
    }

    private static String key(UUID workspaceId, UUID webhookId, String identity) {
        return PREFIX + workspaceId + SEPARATOR + "hook-replay" + SEPARATOR + webhookId + SEPARATOR + sha256(identity);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
