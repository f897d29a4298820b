package dev.vigil.model.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NameUuidsTest {

    @Test
    void sameUuidsAsTheJdks() {
        for (String name : new String[] {"", "a", "7f0c2a1e-1d2b-4c3a-9f00-000000000001:0:triggered",
                "key:2:executed", "näme ☃"}) {
            assertThat(NameUuids.of(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
