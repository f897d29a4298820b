package dev.vigil.actuator.block;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.json.VigilJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secret fields of a block at rest with AES-256-GCM. A sealed field is stored as the string
 * {@code vigil:enc:v1:<key id>:<base64 of nonce, ciphertext and tag>}; its plaintext is the field's JSON
 * value, and the block id and field name are authenticated with it, so a sealed value cannot be moved to
 * another block or field. New values are sealed with the current key ({@code vigil.actuator.secrets.key});
 * values sealed with an older key ({@code vigil.actuator.secrets.old-keys}) still open, and a value stored
 * before encryption (no prefix) is read as it is, until {@link BlockSecretRotation} seals it again.
 * A key id is the first 8 hex digits of the key's SHA-256, so keys need no names.
 */
@ApplicationScoped
public class BlockSecretCipher {

    static final String PREFIX = "vigil:enc:v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_ID_BYTES = 4;

    private final String currentId;
    private final Map<String, SecretKey> keys;
    private final BlockTypeCatalog catalog;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public BlockSecretCipher(ActuatorConfig config, BlockTypeCatalog catalog) {
        this(config.secrets().key().orElseThrow(() -> new IllegalStateException(
                        "No key for block secrets: set VIGIL_SECRETS_KEY (vigil.actuator.secrets.key) to 32 random"
                                + " bytes in base64, e.g. openssl rand -base64 32")),
                config.secrets().oldKeys().orElse(List.of()), catalog);
    }

    BlockSecretCipher(String currentKey, List<String> oldKeys, BlockTypeCatalog catalog) {
        this.catalog = catalog;
        this.keys = new LinkedHashMap<>();
        SecretKey current = key(currentKey, "vigil.actuator.secrets.key");
        this.currentId = keyId(current);
        keys.put(currentId, current);
        for (String old : oldKeys) {
            if (!old.isBlank()) {
                SecretKey key = key(old.trim(), "vigil.actuator.secrets.old-keys");
                keys.putIfAbsent(keyId(key), key);
            }
        }
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    /**
     * A copy of plain data (as a client sent it, or as {@link #open} gave it) with every secret field of its
     * type sealed. A value that merely looks sealed is sealed like any other text.
     */
    public Map<String, Object> seal(UUID blockId, String typeSlug, Map<String, Object> data) {
        Map<String, Object> sealed = new LinkedHashMap<>(data);
        data.forEach((field, value) -> {
            if (value != null && isSecret(typeSlug, field)) {
                sealed.put(field, sealValue(blockId, field, value));
            }
        });
        return sealed;
    }

    /** A copy of the data with every sealed field opened; fails when a field's key is not configured. */
    public Map<String, Object> open(UUID blockId, String typeSlug, Map<String, Object> data) {
        Map<String, Object> open = new LinkedHashMap<>(data);
        data.forEach((field, value) -> {
            if (value != null && isSecret(typeSlug, field)) {
                open.put(field, openValue(blockId, field, value));
            }
        });
        return open;
    }

    /** Whether some secret field is stored in clear or sealed with another key than the current one. */
    public boolean needsResealing(String typeSlug, Map<String, Object> data) {
        return data.entrySet().stream().anyMatch(e -> e.getValue() != null && isSecret(typeSlug, e.getKey())
                && !(e.getValue() instanceof String s && s.startsWith(PREFIX + currentId + ":")));
    }

    private boolean isSecret(String typeSlug, String field) {
        return catalog.bySlug(typeSlug).flatMap(t -> t.field(field)).map(BlockField::secret).orElse(false);
    }

    private String sealValue(UUID blockId, String field, Object value) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(blockId, field));
            byte[] sealed = cipher.doFinal(VigilJson.mapper().writeValueAsBytes(value));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal field '" + field + "' of block " + blockId, e);
        }
    }

    private Object openValue(UUID blockId, String field, Object value) {
        if (!(value instanceof String text) || !text.startsWith(PREFIX)) {
            return value;
        }
        String rest = text.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        SecretKey key = colon < 0 ? null : keys.get(rest.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("Field '" + field + "' of block " + blockId + " is sealed with key id "
                    + (colon < 0 ? "?" : rest.substring(0, colon)) + ", which is not configured: list that key in"
                    + " VIGIL_SECRETS_OLD_KEYS (vigil.actuator.secrets.old-keys)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(blockId, field));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return VigilJson.mapper().readValue(plain, Object.class);
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            throw new IllegalStateException("Field '" + field + "' of block " + blockId + " cannot be decrypted ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] aad(UUID blockId, String field) {
        return (blockId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey key(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " must be " + KEY_BYTES + " bytes (AES-256), base64-encoded;"
                    + " it has " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, KEY_ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
