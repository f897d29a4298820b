package dev.vigil.actuator.block;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Block secrets are sealed in the table (read here as stored), opened for the actions that use them, never
 * shown by the API, and sealed again with the current key: rows sealed with an old key or stored in clear
 * are read, and at start-up (here: {@link BlockSecretRotation#resealAll()}) moved to the current key.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class BlockSecretsTest {

    private static final String TOKEN = "tok-" + UUID.randomUUID();

    @Inject
    Pool pool;

    @Inject
    BlockSecretCipher cipher;

    @Inject
    BlockSecretRotation rotation;

    @Inject
    BlockDocumentService blocks;

    @Inject
    BlockTypeCatalog catalog;

    @Inject
    ActionExecutor executor;

    @ConfigProperty(name = "vigil.actuator.secrets.old-keys")
    List<String> oldKeys;

    private String stored(UUID id) {
        return InVertx.await(() -> pool.preparedQuery("SELECT data::text FROM actuator.block_documents WHERE id = $1")
                .execute(Tuple.of(id))).iterator().next().getString(0);
    }

    private void insert(UUID id, Map<String, Object> data) throws Exception {
        String json = VigilJson.mapper().writeValueAsString(data);
        InVertx.await(() -> pool.preparedQuery("INSERT INTO actuator.block_documents (id, workspace_id, name, "
                        + "block_type_slug, data, created, updated) VALUES ($1, $2, $3, 'webhook', $4::text::jsonb, "
                        + "now(), now())")
                .execute(Tuple.of(id, Workspaces.DEFAULT, "raw-" + id, json)));
    }

    @Test
    void secretsAreSealedInTheTableAndOpenedForTheAction() {
        String path = "/sealed/" + TOKEN;
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        UUID id = Blocks.create("webhook", Map.of("url", Receiver.url(path), "method", "POST",
                "headers", Map.of("Authorization", "Bearer " + TOKEN), "secret", "whsec-" + TOKEN));

        String row = stored(id);
        assertThat(row).doesNotContain(TOKEN).contains("\"method\": \"POST\"");
        Map<String, Object> data = InVertx.await(() -> pool.preparedQuery(
                "SELECT data->>'url', data->>'headers', data->>'secret' FROM actuator.block_documents WHERE id = $1")
                .execute(Tuple.of(id))).iterator().next().toJson().getMap();
        assertThat(data.values()).allSatisfy(v -> assertThat((String) v)
                .startsWith(BlockSecretCipher.PREFIX + cipher.currentKeyId() + ":"));

        ActionMessage message = Messages.of(new CallWebhook(id, "{}"));
        InVertx.await(() -> executor.execute(message));
        assertThat(Executions.of(message).getString("status")).isEqualTo("succeeded");
        assertThat(Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void theApiNeverShowsSecretsEvenWhenAskedTo() {
        UUID id = Blocks.create("webhook", Map.of("url", Receiver.url("/api-" + TOKEN),
                "headers", Map.of("Authorization", "Bearer " + TOKEN)));
        given().queryParam("include_secrets", true).get("/api/block_documents/" + id)
                .then().statusCode(200)
                .body("data.url", equalTo(BlockSecrets.OBFUSCATED))
                .body("data.headers", equalTo(BlockSecrets.OBFUSCATED))
                .body(not(containsString(TOKEN)));
    }

    @Test
    void rowsSealedWithAnOldKeyOrInClearAreReadAndMovedToTheCurrentKey() throws Exception {
        BlockSecretCipher old = new BlockSecretCipher(oldKeys.get(0), List.of(), catalog);
        assertThat(old.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
        UUID sealedOld = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>(Map.of("url", Receiver.url("/old-" + TOKEN), "method", "POST"));
        insert(sealedOld, old.seal(sealedOld, "webhook", data));
        UUID clear = UUID.randomUUID();
        insert(clear, Map.of("url", Receiver.url("/clear-" + TOKEN), "method", "POST"));
        assertThat(stored(sealedOld)).contains(BlockSecretCipher.PREFIX + old.currentKeyId() + ":");

        assertThat(InVertx.await(() -> blocks.load(Workspaces.DEFAULT, sealedOld)).data.get("url"))
                .isEqualTo(Receiver.url("/old-" + TOKEN));
        assertThat(InVertx.await(() -> rotation.resealAll())).isGreaterThanOrEqualTo(2);

        for (UUID id : List.of(sealedOld, clear)) {
            assertThat(stored(id)).doesNotContain(TOKEN).doesNotContain(old.currentKeyId())
                    .contains(BlockSecretCipher.PREFIX + cipher.currentKeyId() + ":");
        }
        assertThat(InVertx.await(() -> blocks.load(Workspaces.DEFAULT, clear)).data.get("url"))
                .isEqualTo(Receiver.url("/clear-" + TOKEN));
        assertThat(InVertx.await(() -> rotation.resealAll())).isZero();
    }

    @Test
    void aValueThatLooksSealedIsStoredAsText() {
        String lookalike = BlockSecretCipher.PREFIX + cipher.currentKeyId() + ":AAAA";
        UUID id = Blocks.create("webhook", Map.of("url", Receiver.url("/lookalike"), "secret", lookalike));
        assertThat(InVertx.await(() -> blocks.load(Workspaces.DEFAULT, id)).data.get("secret")).isEqualTo(lookalike);
    }

    @Test
    void aSealedValueOpensOnlyInItsOwnBlockAndFieldAndWithAKnownKey() {
        UUID a = UUID.randomUUID();
        Map<String, Object> sealed = cipher.seal(a, "webhook", Map.of("url", "https://example.com/" + TOKEN));
        assertThat(cipher.open(a, "webhook", sealed)).containsEntry("url", "https://example.com/" + TOKEN);
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), "webhook", sealed))
                .hasMessageContaining("cannot be decrypted").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> cipher.open(a, "webhook", Map.of("secret", sealed.get("url"))))
                .hasMessageContaining("cannot be decrypted");
        BlockSecretCipher stranger = new BlockSecretCipher("c3RyYW5nZXItdGVzdC1rZXktbm90LWNvbmZpZ3VyZWQ=", List.of(),
                catalog);
        assertThatThrownBy(() -> cipher.open(a, "webhook", stranger.seal(a, "webhook", Map.of("url", "x"))))
                .hasMessageContaining("VIGIL_SECRETS_OLD_KEYS");
    }
}
