package dev.vigil.actuator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** call-webhook sends exactly the block's request, signed the Standard Webhooks way when the block has a secret. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class SignedWebhookTest {

    private static final String KEY_BASE64 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8));

    @Inject
    ActionExecutor executor;

    private static String hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBlockWithASecretSignsTheExactRequest() throws Exception {
        String path = "/signed/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(202)));
        UUID block = Blocks.create("webhook", Map.of("url", Receiver.url(path), "method", "POST",
                "headers", Map.of("X-Team", "ops"), "secret", "whsec_" + KEY_BASE64));
        ActionMessage message = Messages.of(new CallWebhook(block,
                "{\"resource\": \"{{ event.resource.id }}\", \"answer\": {{ event.payload.answer }}}"));
        long before = System.currentTimeMillis() / 1000;
        InVertx.await(() -> executor.execute(message));

        List<LoggedRequest> calls = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        String body = "{\"resource\": \"my.resource.1\", \"answer\": 42}";
        assertThat(call.getBodyAsString()).isEqualTo(body);
        assertThat(call.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(call.getHeader("X-Team")).isEqualTo("ops");
        assertThat(call.getHeader("Idempotency-Key")).isEqualTo(message.idempotencyKey());
        assertThat(call.getHeader("webhook-id")).isEqualTo(message.idempotencyKey());
        long timestamp = Long.parseLong(call.getHeader("webhook-timestamp"));
        assertThat(timestamp).isBetween(before, before + 30);
        String expected = "v1," + hmac(Base64.getDecoder().decode(KEY_BASE64),
                message.idempotencyKey() + "." + timestamp + "." + body);
        assertThat(call.getHeader("webhook-signature")).isEqualTo(expected);
    }

    @Test
    void aBlockWithoutASecretSendsNoSignature() {
        String path = "/unsigned/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        ActionMessage message = Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "plain text"));
        InVertx.await(() -> executor.execute(message));
        LoggedRequest call = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path))).get(0);
        assertThat(call.getBodyAsString()).isEqualTo("plain text");
        assertThat(call.getHeader("Content-Type")).isEqualToIgnoringCase("text/plain; charset=utf-8");
        assertThat(call.containsHeader("webhook-signature")).isFalse();
    }

    @Test
    void aRawSecretIsUsedAsItsBytes() throws Exception {
        assertThat(StandardWebhookSigner.signature("plain-secret", "id1", 1700000000L, "{}"))
                .isEqualTo(hmac("plain-secret".getBytes(StandardCharsets.UTF_8), "id1.1700000000.{}"));
    }
}
