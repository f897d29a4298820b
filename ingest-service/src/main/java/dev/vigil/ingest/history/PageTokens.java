package dev.vigil.ingest.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page tokens: URL-safe base64 of their JSON, a dot, and an HMAC-SHA256 of that text. A token whose
 * MAC does not match, that does not decode, or whose page size or offset is out of range is no token,
 * so a client can neither forge a query nor ask for more than the largest page.
 */
@ApplicationScoped
public class PageTokens {

    private static final String HMAC = "HmacSHA256";
    private static final int MIN_KEY_LENGTH = 32;
    private static final int RANDOM_KEY_BYTES = 32;
    private static final char SEPARATOR = '.';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ObjectMapper json;
    private final SecretKeySpec key;
    private final int maxPageSize;

    public PageTokens(ObjectMapper json, IngestConfig config) {
        this.json = json;
        this.maxPageSize = config.history().maxPageSize();
        this.key = new SecretKeySpec(keyBytes(config.history().pageTokenKey()), HMAC);
    }

    String encode(FilterRequests.Token token) {
        try {
            String payload = ENCODER.encodeToString(json.writeValueAsBytes(token));
            return payload + SEPARATOR + ENCODER.encodeToString(mac(payload));
        } catch (IOException e) {
            throw new IllegalStateException("a page token must be writable as JSON", e);
        }
    }

    Optional<FilterRequests.Token> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int dot = trimmed.lastIndexOf(SEPARATOR);
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = trimmed.substring(0, dot);
        try {
            byte[] given = Base64.getUrlDecoder().decode(trimmed.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), given)) {
                return Optional.empty();
            }
            FilterRequests.Token token = json.readValue(Base64.getUrlDecoder().decode(payload),
                    FilterRequests.Token.class);
            boolean valid = token.workspace() != null && token.filter() != null && token.pageSize() > 0
                    && token.pageSize() <= maxPageSize && token.offset() >= 0 && token.count() >= 0;
            return valid ? Optional.of(token) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static byte[] keyBytes(Optional<String> configured) {
        if (configured.isPresent() && configured.get().length() >= MIN_KEY_LENGTH) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        if (configured.isPresent()) {
            throw new IllegalStateException("vigil.ingest.history.page-token-key (VIGIL_PAGE_TOKEN_KEY) must have at least "
                    + MIN_KEY_LENGTH + " characters");
        }
        Log.warn("No VIGIL_PAGE_TOKEN_KEY: page tokens are signed with a random key of this replica only");
        byte[] random = new byte[RANDOM_KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
