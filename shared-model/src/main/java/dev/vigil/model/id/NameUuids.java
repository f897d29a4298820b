package dev.vigil.model.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * {@link UUID#nameUUIDFromBytes} of a string's UTF-8 bytes, the same UUID, without looking the MD5
 * digest up in the security providers on every call (a measurable share of the CPU of an action, and of a firing).
 */
public final class NameUuids {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    });
    private static final int VERSION_BYTE = 6;
    private static final int VARIANT_BYTE = 8;

    private NameUuids() {
    }

    public static UUID of(String name) {
        byte[] md5 = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
        md5[VERSION_BYTE] &= 0x0f;
        md5[VERSION_BYTE] |= 0x30;  // version 3: name-based, MD5
        md5[VARIANT_BYTE] &= 0x3f;
        md5[VARIANT_BYTE] |= (byte) 0x80;  // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            msb = (msb << Byte.SIZE) | (md5[i] & 0xff);
        }
        for (int i = Long.BYTES; i < 2 * Long.BYTES; i++) {
            lsb = (lsb << Byte.SIZE) | (md5[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
