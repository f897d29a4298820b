package dev.vigil.support.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.support.json.VigilObjectMapperCustomizer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 422 messages are in Pydantic's words and never name a Java class, from Jackson's real failures. */
class JsonErrorMessagesTest {

    enum Posture { Reactive, Proactive }

    record Body(@JsonProperty("name") String name, @JsonProperty("count") Integer count,
                @JsonProperty("labels") Map<String, String> labels, @JsonProperty("tags") List<String> tags,
                @JsonProperty("id") UUID id, @JsonProperty("posture") Posture posture,
                @JsonProperty("child") Child child) {
    }

    record Child(String value) {
        @JsonCreator
        Child(@JsonProperty("value") String value, @JsonProperty("n") int ignored) {
            this(value);
            if ("bad".equals(value)) {
                throw new IllegalArgumentException("value must not be 'bad'");
            }
        }
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            property = "type")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Event.class, name = "event"),
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Compound.class, name = "compound")})
    interface Trigger {
    }

    record Event(@JsonProperty("expect") List<String> expect) implements Trigger {
    }

    record Compound(@JsonProperty("require") String require) implements Trigger {
    }

    private static final ObjectMapper STRICT = VigilObjectMapperCustomizer.strict(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    private static String message(String json) {
        JsonProcessingException e = catchThrowableOfType(() -> STRICT.readValue(json, Body.class),
                JsonProcessingException.class);
        assertThat(e).as("Jackson refuses %s", json).isNotNull();
        return JsonErrorMessages.forClient(e.getOriginalMessage());
    }

    @Test
    void wrongScalarTypesAreNamedAsPydanticNamesThem() {
        assertThat(message("{\"name\": 3}")).isEqualTo("Input should be a valid string");
        assertThat(message("{\"count\": \"3\"}")).isEqualTo("Input should be a valid integer");
        assertThat(message("{\"name\": {}}")).isEqualTo("Input should be a valid string");
        assertThat(message("{\"id\": \"nope\"}")).doesNotContain("java", "UUID`");
    }

    @Test
    void aNonStringLabelValueIsRefusedWithoutNamingJava() {
        assertThat(message("{\"labels\": {\"a\": 1}}")).isEqualTo("Input should be a valid string");
        assertThat(message("{\"labels\": [1]}")).isEqualTo("Input should be a valid dictionary");
        assertThat(message("{\"tags\": {}}")).isEqualTo("Input should be a valid list");
    }

    @Test
    void enumsListTheirValues() {
        assertThat(message("{\"posture\": \"Sideways\"}")).isEqualTo("Input should be one of: Reactive, Proactive");
    }

    @Test
    void aModelsOwnRefusalIsKeptAndUnknownFieldsAreExtraInputs() {
        assertThat(message("{\"child\": {\"value\": \"bad\"}}")).isEqualTo("value must not be 'bad'");
        assertThat(message("{\"child\": 3}")).isEqualTo("Input should be a valid object");
        assertThat(message("{\"other\": 1}")).isEqualTo("Extra inputs are not permitted");
    }

    @Test
    void anUnknownOrMissingUnionTagIsNamedAsPydanticNamesIt() {
        JsonProcessingException unknown = catchThrowableOfType(
                () -> STRICT.readValue("{\"type\": \"metricx\"}", Trigger.class), JsonProcessingException.class);
        assertThat(JsonErrorMessages.forClient(unknown.getOriginalMessage()))
                .startsWith("Input tag 'metricx' does not match any of the expected tags: ")
                .contains("event").contains("compound").doesNotContain("dev.vigil").doesNotContain("`");
        JsonProcessingException missing = catchThrowableOfType(
                () -> STRICT.readValue("{\"expect\": []}", Trigger.class), JsonProcessingException.class);
        assertThat(JsonErrorMessages.forClient(missing.getOriginalMessage()))
                .isEqualTo("Unable to extract tag using discriminator 'type'");
    }

    @Test
    void noMessageNamesAJavaClass() {
        for (String json : List.of("{\"name\": 3}", "{\"count\": true}", "{\"labels\": {\"a\": [1]}}",
                "{\"tags\": [1]}", "{\"id\": 5}", "{\"child\": []}", "{\"posture\": 1}")) {
            assertThat(message(json)).as(json).doesNotContainPattern("java\\.|dev\\.vigil|`|JsonToken|Coercion");
        }
    }
}
