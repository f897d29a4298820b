package dev.vigil.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's signature. Returns why it failed, or empty when it is valid. Comparisons are
 * constant-time; timestamped schemes (Stripe, Standard Webhooks) reject requests outside the replay
 * window.
 */
public final class SignatureVerifier {

    public static final String DEFAULT_HMAC_HEADER = "X-Signature";
    static final String GITHUB_HEADER = "X-Hub-Signature-256";
    static final String STRIPE_HEADER = "Stripe-Signature";
    static final String STANDARD_ID = "webhook-id";
    static final String STANDARD_TIMESTAMP = "webhook-timestamp";
    static final String STANDARD_SIGNATURE = "webhook-signature";
    private static final String SHA256_PREFIX = "sha256=";
    private static final String STANDARD_SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    private final Duration replayWindow;

    public SignatureVerifier(Duration replayWindow) {
        this.replayWindow = replayWindow;
    }

    /**
     * @param header  the request header by name (case-insensitive), or null
     */
    public Optional<String> verify(SignatureScheme scheme, String secret, String headerName,
            Function<String, String> header, byte[] body, Instant now) {
        return switch (scheme) {
            case HMAC_SHA256 -> hexHeader(header.apply(headerName == null ? DEFAULT_HMAC_HEADER : headerName),
                    secret, body);
            case GITHUB -> hexHeader(header.apply(GITHUB_HEADER), secret, body);
            case STRIPE -> stripe(header.apply(STRIPE_HEADER), secret, body, now);
            case STANDARD_WEBHOOKS -> standard(header, secret, body, now);
        };
    }

    private static Optional<String> hexHeader(String value, String secret, byte[] body) {
        if (value == null || value.isBlank()) {
            return Optional.of("Missing signature header");
        }
        String hex = value.trim().startsWith(SHA256_PREFIX) ? value.trim().substring(SHA256_PREFIX.length())
                : value.trim();
        return matches(hex(mac(secret.getBytes(StandardCharsets.UTF_8), body)), hex.toLowerCase())
                ? Optional.empty() : Optional.of("Invalid signature");
    }

    private Optional<String> stripe(String value, String secret, byte[] body, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.of("Missing signature header");
        }
        String timestamp = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Optional.of("Malformed signature header");
        }
        Optional<String> stale = outsideWindow(timestamp, now);
        if (stale.isPresent()) {
            return stale;
        }
        String expected = hex(mac(secret.getBytes(StandardCharsets.UTF_8), concat(timestamp + ".", body)));
        return signatures.stream().anyMatch(s -> matches(expected, s)) ? Optional.empty()
                : Optional.of("Invalid signature");
    }

    private Optional<String> standard(Function<String, String> header, String secret, byte[] body, Instant now) {
        String id = header.apply(STANDARD_ID);
        String timestamp = header.apply(STANDARD_TIMESTAMP);
        String value = header.apply(STANDARD_SIGNATURE);
        if (id == null || timestamp == null || value == null) {
            return Optional.of("Missing signature header");
        }
        Optional<String> stale = outsideWindow(timestamp, now);
        if (stale.isPresent()) {
            return stale;
        }
        byte[] key;
        try {
            key = secret.startsWith(STANDARD_SECRET_PREFIX)
                    ? Base64.getDecoder().decode(secret.substring(STANDARD_SECRET_PREFIX.length()))
                    : secret.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("Webhook secret is not valid base64");
        }
        String expected = Base64.getEncoder().encodeToString(mac(key, concat(id + "." + timestamp + ".", body)));
        for (String candidate : value.trim().split(" ")) {
            String[] versioned = candidate.split(",", 2);
            if (versioned.length == 2 && versioned[0].equals("v1") && matches(expected, versioned[1])) {
                return Optional.empty();
            }
        }
        return Optional.of("Invalid signature");
    }

    /** Compared as seconds since the epoch, so a timestamp beyond {@link Instant}'s range is stale, not an error. */
    private Optional<String> outsideWindow(String timestamp, Instant now) {
        long signed;
        try {
            signed = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of("Malformed signature timestamp");
        }
        long window = replayWindow.toSeconds();
        boolean inside = signed >= now.getEpochSecond() - window && signed <= now.getEpochSecond() + window;
        return inside ? Optional.empty() : Optional.of("Signature timestamp outside the replay window");
    }

    static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
