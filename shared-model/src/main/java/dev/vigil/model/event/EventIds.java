package dev.vigil.model.event;

import java.security.SecureRandom;
import java.util.UUID;

/** Event ids: time-ordered UUIDv7, as Prefect's client generates them. */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    private EventIds() {
    }

    public static UUID uuid7() {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | VERSION_7 | (RANDOM.nextInt() & 0x0FFF);
        long lsb = VARIANT_IETF | (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(msb, lsb);
    }
}
