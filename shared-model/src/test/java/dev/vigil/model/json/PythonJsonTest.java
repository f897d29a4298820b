package dev.vigil.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.action.Action;
import dev.vigil.model.action.CallWebhook;
import org.junit.jupiter.api.Test;

/** Expected texts are the outputs of CPython 3's {@code json.dumps(value, indent=2)}. */
class PythonJsonTest {

    @Test
    void dictPayloadIsWrittenAsJsonDumpsIndent2ByteForByte() throws Exception {
        String json = "{\"k\": 1, \"name\": \"caf\u00e9 \uD83D\uDE00\", \"nested\": {\"a\": [1, 2.5, true, null],"
                + " \"e\": {}, \"l\": []}, \"q\": \"say \\\"hi\\\"\\n\\t/\\u007f\"}";
        String expected = "{\n  \"k\": 1,\n  \"name\": \"caf\\u00e9 \\ud83d\\ude00\",\n  \"nested\": {\n"
                + "    \"a\": [\n      1,\n      2.5,\n      true,\n      null\n    ],\n    \"e\": {},\n"
                + "    \"l\": []\n  },\n  \"q\": \"say \\\"hi\\\"\\n\\t/\\u007f\"\n}";
        assertThat(PythonJson.dumps(VigilJson.mapper().readTree(json))).isEqualTo(expected);
    }

    @Test
    void floatsAreWrittenAsPythonRepr() throws Exception {
        String json = "[1e16, 1e-5, 0.0001, 123456789012345.6, -0.0, 1.0, 1e22]";
        String expected = "[\n  1e+16,\n  1e-05,\n  0.0001,\n  123456789012345.6,\n  -0.0,\n  1.0,\n  1e+22\n]";
        assertThat(PythonJson.dumps(VigilJson.mapper().readTree(json))).isEqualTo(expected);
    }

    @Test
    void callWebhookDictPayloadBecomesJsonDumpsText() throws Exception {
        CallWebhook action = (CallWebhook) VigilJson.mapper().readValue(
                "{\"type\": \"call-webhook\", \"block_document_id\": \"11111111-1111-1111-1111-111111111111\","
                        + " \"payload\": {\"text\": \"{{ event.event }}\", \"n\": [1]}}", Action.class);
        assertThat(action.payload()).isEqualTo("{\n  \"text\": \"{{ event.event }}\",\n  \"n\": [\n    1\n  ]\n}");
    }
}
