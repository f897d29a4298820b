package dev.vigil.actuator.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.json.VigilJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checksums are Prefect's own: the same fields give the same checksum here and in Prefect's SDK. */
class BlockSchemaChecksumTest {

    /** A schema from Prefect's published collection registry, with the checksum Prefect gave it. */
    private static final String PREFECT_FIELDS = """
            {"title": "AzureBlobStorageCredentials", "description": "Stores credentials for authenticating with \
            Azure Blob Storage.", "type": "object", "properties": {"connection_string": {"title": "Connection String", \
            "description": "The connection string to your Azure storage account. If provided, the connection string \
            will take precedence over the account URL.", "type": "string", "writeOnly": true, "format": "password"}, \
            "account_url": {"title": "Account URL", "description": "The URL for your Azure storage account. If \
            provided, the account URL will be used to authenticate with the discovered default Azure credentials.", \
            "type": "string"}}, "block_type_slug": "azure-blob-storage-credentials", "secret_fields": \
            ["connection_string"], "block_schema_references": {}}""";
    private static final String PREFECT_CHECKSUM =
            "sha256:73e835b6cb9a1902fd869037fb7f8a90f974508dda7a168e748a1206e7c325eb";

    @Test
    void aSchemaFromPrefectsRegistryGetsPrefectsChecksum() throws Exception {
        assertThat(BlockSchemaChecksum.of(parse(PREFECT_FIELDS))).isEqualTo(PREFECT_CHECKSUM);
    }

    /** Expected value from Python's json.dumps(((fields,), {}), sort_keys=True) with secret_fields removed. */
    @Test
    void textIsWrittenAsPythonsJsonWritesIt() throws Exception {
        String fields = """
                {"title": "Caf\\u00e9 \\u2713 \\ud83d\\ude00", "n": 10, "b": true, "x": null, \
                "l": ["a\\n\\"b\\\\\\t\\u0001\\u007f"], "secret_fields": ["q"], \
                "o": {"secret_fields": [], "z": 1, "a": false}}""";
        assertThat(BlockSchemaChecksum.of(parse(fields)))
                .isEqualTo("sha256:8bf912628c85729cb210bddb32c4d836f70361a47fc2fd28909cd31f857ffe6b");
    }

    @Test
    void secretFieldsDoNotChangeTheChecksum() throws Exception {
        Map<String, Object> fields = parse(PREFECT_FIELDS);
        fields.put("secret_fields", java.util.List.of("account_url"));
        assertThat(BlockSchemaChecksum.of(fields)).isEqualTo(PREFECT_CHECKSUM);
    }

    private static Map<String, Object> parse(String json) throws Exception {
        return VigilJson.mapper().readValue(json, new TypeReference<>() {
        });
    }
}
