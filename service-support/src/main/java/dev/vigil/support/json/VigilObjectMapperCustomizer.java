package dev.vigil.support.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.json.VigilJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Makes the Quarkus-managed mapper (REST bodies, Kafka serdes) read and write exactly like {@link VigilJson}. */
@Singleton
public class VigilObjectMapperCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        VigilJson.configure(mapper);
    }
}
