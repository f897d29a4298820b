package dev.vigil.ingest.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;

/**
 * Lets every timestamp the ingest service reads (events, filters) be naive (UTC) as in Prefect.
 * Runs after the shared Vigil customizer so this deserializer wins over the JavaTimeModule one.
 */
@Singleton
public class IngestJsonCustomizer implements ObjectMapperCustomizer {

    private static final int AFTER_SHARED_CUSTOMIZER = DEFAULT_PRIORITY - 10;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("vigil-ingest-timestamps")
                .addDeserializer(OffsetDateTime.class, new TimestampDeserializer()));
    }

    @Override
    public int priority() {
        return AFTER_SHARED_CUSTOMIZER;
    }
}
