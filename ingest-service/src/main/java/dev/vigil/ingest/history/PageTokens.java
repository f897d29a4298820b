package dev.vigil.ingest.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/** Encodes page tokens as URL-safe base64 of their JSON; anything that does not decode is no token. */
final class PageTokens {

    private PageTokens() {
    }

    static String encode(ObjectMapper json, FilterRequests.Token token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(token));
        } catch (IOException e) {
            throw new IllegalStateException("a page token must be writable as JSON", e);
        }
    }

    static Optional<FilterRequests.Token> decode(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            FilterRequests.Token token = json.readValue(Base64.getUrlDecoder().decode(text.trim()),
                    FilterRequests.Token.class);
            boolean complete = token.workspace() != null && token.filter() != null && token.pageSize() > 0
                    && token.offset() >= 0;
            return complete ? Optional.of(token) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
