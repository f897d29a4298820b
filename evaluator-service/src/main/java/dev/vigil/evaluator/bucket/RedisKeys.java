package dev.vigil.evaluator.bucket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Names of the evaluator's Redis keys; every key starts with its workspace. */
public final class RedisKeys {

    private static final String PREFIX = "vigil:";

    private RedisKeys() {
    }

    public static String bucket(BucketKey key) {
        return PREFIX + key.workspaceId() + ":bucket:" + key.automationId() + ":" + key.triggerId() + ":"
                + digest(String.join("\u0000", key.values()));
    }

    public static String composite(CompositeKey key) {
        return PREFIX + key.workspaceId() + ":composite:" + key.automationId() + ":" + key.triggerId();
    }

    /** The sorted set of proactive window ends of a workspace (member: bucket key, score: due ms). */
    public static String timers(UUID workspaceId) {
        return PREFIX + workspaceId + ":timers";
    }

    public static String seenEvent(UUID workspaceId, UUID eventId) {
        return PREFIX + workspaceId + ":seen:" + eventId;
    }

    /** Bucket values can be long label values; a digest keeps key length bounded. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
