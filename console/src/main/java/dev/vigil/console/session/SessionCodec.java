package dev.vigil.console.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.config.ConsoleConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link Session} into the cookie value and opens it again: AES-256-GCM with a random 96-bit nonce,
 * so the browser holds the API key only encrypted and cannot change any field without the open failing.
 */
@ApplicationScoped
public class SessionCodec {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TOKEN_BYTES = 24;
    /** Binds the ciphertext to its purpose: a value sealed for something else does not open as a session. */
    private static final byte[] PURPOSE = "vigil-console-session-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    public SessionCodec(ConsoleConfig config) {
        this.key = new SecretKeySpec(keyBytes(config.session().key(), random), "AES");
    }

    /** A fresh random token (URL-safe base64), for a session's form token. */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String seal(Session session) {
        ObjectNode body = json.createObjectNode()
                .put("k", session.apiKey())
                .put("w", session.workspacePrefix())
                .put("c", session.csrfToken())
                .put("e", session.expires().getEpochSecond());
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(PURPOSE);
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(body));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal the session", e);
        }
    }

    /** The session in {@code value}, or empty when it is missing, tampered with, sealed with another key or expired. */
    public Optional<Session> open(String value, Instant now) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value);
            if (raw.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(PURPOSE);
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            JsonNode body = json.readTree(plain);
            Session session = new Session(body.path("k").asText(), body.path("w").asText(""),
                    body.path("c").asText(), Instant.ofEpochSecond(body.path("e").asLong()));
            return session.expiredAt(now) || session.apiKey().isEmpty() ? Optional.empty() : Optional.of(session);
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] keyBytes(Optional<String> configured, SecureRandom random) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            byte[] bytes = Base64.getDecoder().decode(configured.get().trim());
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("vigil.console.session.key must be the base64 of " + KEY_BYTES
                        + " bytes, got " + bytes.length);
            }
            return bytes;
        }
        Log.warn("vigil.console.session.key is not set: sessions are sealed with a random key and end when the"
                + " console restarts");
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
