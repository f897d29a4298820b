package dev.vigil.console.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiResponse.FieldError;
import dev.vigil.model.json.VigilJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A block's form from its schema: secrets never filled in, empty stored secrets kept, values typed by the schema. */
class BlockFormTest {

    static final String SCHEMA = """
            {"properties": {
               "url": {"title": "Webhook URL", "type": "string", "writeOnly": true, "format": "password"},
               "method": {"title": "Method", "type": "string", "default": "POST", "enum": ["GET", "POST"]},
               "headers": {"title": "Headers", "type": "object", "writeOnly": true},
               "tags": {"title": "Tags", "type": "array", "items": {"type": "string"}},
               "timeout": {"title": "Timeout", "type": "number"},
               "verify": {"title": "Verify", "type": "boolean", "default": true}},
             "required": ["url"], "secret_fields": ["url", "headers.*"]}""";

    private static JsonNode json(String text) throws Exception {
        return VigilJson.mapper().readTree(text);
    }

    @Test
    void inputsNeverHoldASecretAndSayWhetherOneIsStored() throws Exception {
        List<BlockFieldInput> inputs = BlockForm.inputs(json(SCHEMA), json("""
                {"url": "********", "method": "GET", "headers": "********", "tags": ["a", "b"], "verify": false}"""));
        assertThat(inputs).extracting(BlockFieldInput::name)
                .containsExactly("url", "method", "headers", "tags", "timeout", "verify");
        BlockFieldInput url = inputs.get(0);
        assertThat(url.secret()).isTrue();
        assertThat(url.stored()).isTrue();
        assertThat(url.required()).isTrue();
        assertThat(url.value()).isEmpty();
        assertThat(inputs.get(1).options()).containsExactly("GET", "POST");
        assertThat(inputs.get(1).value()).isEqualTo("GET");
        assertThat(inputs.get(3).value()).isEqualTo("a\nb");
        assertThat(inputs.get(4).stored()).isFalse();
        assertThat(inputs.get(5).options()).containsExactly("true", "false");
        assertThat(inputs.get(5).value()).isEqualTo("false");
    }

    @Test
    void anEmptyStoredSecretIsKeptAndValuesAreTyped() throws Exception {
        List<BlockFieldInput> inputs = BlockForm.inputs(json(SCHEMA), json("{\"url\": \"********\"}"));
        BlockForm.Parsed parsed = BlockForm.parse(inputs,
                List.of("url", "method", "headers", "tags", "timeout", "verify"),
                List.of("", "POST", "Authorization: Bearer x\nX-Team: data", "a\n\n b ", "2.5", "true"));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.data().toString()).isEqualTo("{\"url\":\"********\",\"method\":\"POST\","
                + "\"headers\":{\"Authorization\":\"Bearer x\",\"X-Team\":\"data\"},\"tags\":[\"a\",\"b\"],"
                + "\"timeout\":2.5,\"verify\":true}");
    }

    @Test
    void aMissingRequiredFieldAndBadValuesAreReportedByField() throws Exception {
        List<BlockFieldInput> inputs = BlockForm.inputs(json(SCHEMA), json("{}"));
        BlockForm.Parsed parsed = BlockForm.parse(inputs, List.of("url", "headers", "timeout"),
                List.of(" ", "no colon here", "soon"));
        assertThat(parsed.errors()).containsExactly(new FieldError("url", "Field required"),
                new FieldError("headers", "'no colon here' is not a 'key: value' line"),
                new FieldError("timeout", "Input should be a number"));
    }

    @Test
    void aResubmittedFormKeepsWhatWasTypedButNoSecret() throws Exception {
        List<BlockFieldInput> inputs = BlockForm.inputs(json(SCHEMA), json("{}"));
        List<BlockFieldInput> again = BlockForm.resubmitted(inputs, List.of("url", "method"),
                List.of("https://hooks.example/secret-path", "GET"));
        assertThat(again.get(0).value()).isEmpty();
        assertThat(again.get(1).value()).isEqualTo("GET");
    }
}
