package dev.vigil.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.config.ConsoleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The session cookie opens only as sealed: unchanged, with the same key, before it expires. */
class SessionCodecTest {

    private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

    private static SessionCodec codec(String key) {
        ConsoleConfig.Session session = new ConsoleConfig.Session() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Duration maxAge() {
                return Duration.ofHours(8);
            }

            @Override
            public boolean secureCookies() {
                return false;
            }
        };
        ConsoleConfig config = new ConsoleConfig() {
            @Override
            public Services services() {
                return null;
            }

            @Override
            public Session session() {
                return session;
            }

            @Override
            public int pageSize() {
                return 25;
            }
        };
        return new SessionCodec(config);
    }

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Session SESSION = new Session("vgl_secret", "", "token", NOW.plusSeconds(60));

    @Test
    void opensWhatItSealed() {
        SessionCodec codec = codec(KEY);
        String sealed = codec.seal(SESSION);
        assertThat(sealed).doesNotContain("vgl_secret");
        assertThat(codec.open(sealed, NOW)).contains(SESSION);
    }

    @Test
    void refusesAnExpiredSession() {
        SessionCodec codec = codec(KEY);
        assertThat(codec.open(codec.seal(SESSION), NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void refusesATamperedOrForeignCookie() {
        SessionCodec codec = codec(KEY);
        String sealed = codec.seal(SESSION);
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThat(codec.open(tampered, NOW)).isEmpty();
        assertThat(codec(null).open(sealed, NOW)).as("sealed with another key").isEmpty();
        assertThat(codec.open("not base64 !", NOW)).isEmpty();
        assertThat(codec.open("", NOW)).isEmpty();
    }
}
