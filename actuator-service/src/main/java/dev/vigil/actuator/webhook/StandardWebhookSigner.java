package dev.vigil.actuator.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook call the Standard Webhooks way: {@code webhook-id}, {@code webhook-timestamp}
 * (Unix seconds) and {@code webhook-signature} = {@code v1,} + base64 HMAC-SHA256 of
 * {@code id.timestamp.body}. A secret in the standard {@code whsec_<base64>} form is used as its
 * decoded bytes; any other secret as its UTF-8 bytes.
 */
public final class StandardWebhookSigner {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v1,";

    private StandardWebhookSigner() {
    }

    public static Map<String, String> headers(String secret, String id, long timestampSeconds, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(timestampSeconds));
        headers.put(SIGNATURE, VERSION + signature(secret, id, timestampSeconds, body));
        return headers;
    }

    static String signature(String secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(secret), ALGORITHM));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
