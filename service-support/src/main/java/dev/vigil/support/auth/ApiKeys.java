package dev.vigil.support.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The key format: {@code vgl_} (so secret scanners can recognise a leaked key), 256 random bits in
 * URL-safe base64 (43 characters), then a CRC-32 of those characters (6 characters), so a mistyped or
 * made-up key is refused by {@link #isWellFormed} without any lookup. Keys are stored and looked up only
 * by their SHA-256 ({@link #hash}).
 */
public final class ApiKeys {

    public static final String PREFIX = "vgl_";
    private static final int RANDOM_BYTES = 32;
    private static final int RANDOM_CHARS = 43;
    private static final int CHECKSUM_CHARS = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private ApiKeys() {
    }

    /** A new random key. */
    public static String generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String body = BASE64URL.encodeToString(random);
        return PREFIX + body + checksum(body);
    }

    /** Prefix, length, alphabet and checksum: a cheap test before any lookup. */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = key.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        String body = key.substring(PREFIX.length(), PREFIX.length() + RANDOM_CHARS);
        return key.endsWith(checksum(body));
    }

    /** The SHA-256 of the key, in hex: what is stored and looked up. */
    public static String hash(String key) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(key.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return BASE64URL.encodeToString(bytes);
    }
}
