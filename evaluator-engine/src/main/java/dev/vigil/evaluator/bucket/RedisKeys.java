package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.evaluator.metric.MetricKey;
import dev.vigil.model.json.VigilJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Names of the evaluator's Redis keys; every key starts with its workspace. */
public final class RedisKeys {

    private static final String PREFIX = "vigil:";
    /** The field of a stored bucket that holds its key's {@code for_each} values. */
    public static final String BUCKET_VALUES_FIELD = "values";
    private static final String MEMBER_SEPARATOR = "|";
    private static final HexFormat HEX = HexFormat.of();
    /** Looked up once and cloned, not looked up for every bucket key built. */
    private static final MessageDigest SHA1 = sha1();
    /** The digest of a key without {@code for_each} values (every bucket of an unkeyed trigger). */
    private static final String NO_VALUES_DIGEST = digest("");

    private RedisKeys() {
    }

    public static String bucket(BucketKey key) {
        List<String> values = key.values();
        String digest = values.isEmpty() ? NO_VALUES_DIGEST
                : digest(values.size() == 1 ? values.get(0) : String.join("\u0000", values));
        return PREFIX + key.workspaceId() + ":bucket:" + key.automationId() + ":" + key.triggerId() + ":" + digest;
    }

    /** A SCAN pattern for every bucket of an automation. */
    public static String bucketsOf(UUID workspaceId, UUID automationId) {
        return PREFIX + workspaceId + ":bucket:" + automationId + ":*";
    }

    /** The trigger id within a bucket key name. */
    public static UUID triggerOfBucket(String bucketKey) {
        String[] parts = bucketKey.split(":");
        return UUID.fromString(parts[parts.length - 2]);
    }

    /**
     * The set of an automation's live bucket and composite keys, kept by the commit script once a reader has
     * created it (a key joins it when created, leaves it when deleted; one that expired stays until a reader prunes
     * it; the commit does not create a missing one). It is complete, every
     * live key of the automation in it, only once it holds {@link #STATE_INDEX_COMPLETE}, which a reader adds
     * after filling it from a SCAN: keys created before the index existed are not in it otherwise.
     */
    public static String stateIndex(UUID workspaceId, UUID automationId) {
        return PREFIX + workspaceId + STATE_INDEX + automationId;
    }

    /** The member that marks a {@link #stateIndex} complete; never a key's name. */
    public static final String STATE_INDEX_COMPLETE = "*complete";

    /**
     * How the member a reader adds before it SCANs to fill a {@link #stateIndex} starts (a random token follows):
     * still there when the fill ends, it proves the set is the one the scan began on (see fill-state-index.lua).
     */
    public static final String STATE_INDEX_FILLING = "*filling:";

    /** Whether a {@link #stateIndex} member is one of its marks rather than a key's name. */
    public static boolean isStateIndexMark(String member) {
        return member.startsWith("*");
    }

    private static final String STATE_INDEX = ":state-index:";
    private static final int UUID_TEXT = 36;
    private static final String BUCKET_PART = "bucket:";
    private static final String COMPOSITE_PART = "composite:";

    /** The {@link #stateIndex} a bucket or composite key belongs to; null for any other key. */
    public static String stateIndexOf(String stateKey) {
        int kind = PREFIX.length() + UUID_TEXT + 1;
        int automation;
        if (stateKey.startsWith(BUCKET_PART, kind)) {
            automation = kind + BUCKET_PART.length();
        } else if (stateKey.startsWith(COMPOSITE_PART, kind)) {
            automation = kind + COMPOSITE_PART.length();
        } else {
            return null;
        }
        if (!stateKey.startsWith(PREFIX) || stateKey.length() < automation + UUID_TEXT) {
            return null;
        }
        return stateKey.substring(0, kind - 1) + STATE_INDEX + stateKey.substring(automation, automation + UUID_TEXT);
    }

    /** Whether a state key names a bucket (else a composite state). */
    public static boolean isBucketKey(String stateKey) {
        return stateKey.startsWith(BUCKET_PART, PREFIX.length() + UUID_TEXT + 1);
    }

    /** A SCAN pattern for every composite state of an automation. */
    public static String compositesOf(UUID workspaceId, UUID automationId) {
        return PREFIX + workspaceId + ":composite:" + automationId + ":*";
    }

    /** The trigger id within a composite key name. */
    public static UUID triggerOfComposite(String compositeKey) {
        return UUID.fromString(compositeKey.substring(compositeKey.lastIndexOf(':') + 1));
    }

    /** A ZSCAN pattern for the timers of an automation. */
    public static String timersOf(UUID automationId) {
        return automationId + MEMBER_SEPARATOR + "*";
    }

    /** A metric trigger's watch: since when its condition holds, whether it fired, when it was last evaluated. */
    public static String metricWatch(MetricKey key) {
        return PREFIX + key.workspaceId() + ":metric:" + key.automationId() + ":" + key.triggerId();
    }

    /** A metric trigger's flow runs: a hash from flow-run resource id to {@link dev.vigil.evaluator.metric.FlowRun}. */
    public static String metricRuns(MetricKey key) {
        return PREFIX + key.workspaceId() + ":metric-runs:" + key.automationId() + ":" + key.triggerId();
    }

    /** The same runs by when they were last seen (score: ms), to forget old ones and bound their number. */
    public static String metricRunsSeen(MetricKey key) {
        return PREFIX + key.workspaceId() + ":metric-seen:" + key.automationId() + ":" + key.triggerId();
    }

    public static String composite(CompositeKey key) {
        return PREFIX + key.workspaceId() + ":composite:" + key.automationId() + ":" + key.triggerId();
    }

    /** The sorted set of proactive window ends of a workspace (member: {@link #timerMember}, score: due ms). */
    public static String timers(UUID workspaceId) {
        return PREFIX + workspaceId + ":timers";
    }

    /** Marks an event as evaluated, for the causal ordering of the events that follow it. */
    public static String processedEvent(UUID workspaceId, UUID eventId) {
        return PREFIX + workspaceId + ":processed:" + eventId;
    }

    /** Everything of the causal-ordering wait list of a workspace starts with this. */
    public static String causalPrefix(UUID workspaceId) {
        return PREFIX + workspaceId + ":causal:";
    }

    /** The followers waiting for a leader event, scored by their occurred time. */
    public static String followers(UUID workspaceId, UUID leaderId) {
        return causalPrefix(workspaceId) + leaderId + ":followers";
    }

    /** Every waiting follower of a workspace (member: leader id, '|', the event), scored by its deadline. */
    public static String waitingFollowers(UUID workspaceId) {
        return causalPrefix(workspaceId) + "waiting";
    }

    public static String waitingMember(UUID leaderId, String followerJson) {
        return leaderId + MEMBER_SEPARATOR + followerJson;
    }

    /**
     * The outbox index of a workspace: the ids of entries of committed firings not yet published, scored by
     * the time from which the recovery sweep may claim them.
     */
    public static String outbox(UUID workspaceId) {
        return PREFIX + workspaceId + ":outbox";
    }

    /** Every outbox entry key of a workspace is this prefix followed by the entry id. */
    public static String outboxEntryPrefix(UUID workspaceId) {
        return outbox(workspaceId) + ":";
    }

    /** One outbox entry: the firings of one committed batch in one workspace. */
    public static String outboxEntry(UUID workspaceId, String entryId) {
        return outboxEntryPrefix(workspaceId) + entryId;
    }

    public static String seenEvent(UUID workspaceId, UUID eventId) {
        return PREFIX + workspaceId + ":seen:" + eventId;
    }

    /**
     * A bucket key as a member of the timers sorted set. It must read back into the key, since the
     * timer poller evaluates the window it names: {@code automation|trigger|values as JSON}.
     */
    public static String timerMember(BucketKey key) {
        try {
            return key.automationId() + MEMBER_SEPARATOR + key.triggerId() + MEMBER_SEPARATOR
                    + VigilJson.mapper().writeValueAsString(key.values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BucketKey fromTimerMember(UUID workspaceId, String member) {
        String[] parts = member.split("\\|", 3);
        try {
            return new BucketKey(workspaceId, UUID.fromString(parts[0]), UUID.fromString(parts[1]),
                    List.of(VigilJson.mapper().readValue(parts[2], String[].class)));
        } catch (JsonProcessingException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("unreadable timer member " + member, e);
        }
    }

    /** Bucket values can be long label values; a digest keeps key length bounded. */
    private static String digest(String text) {
        MessageDigest sha1;
        try {
            sha1 = (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            sha1 = sha1();
        }
        return HEX.formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
