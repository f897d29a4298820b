package dev.vigil.actuator.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.actuator.support.SmtpServer;
import dev.vigil.model.action.SendNotification;
import dev.vigil.model.causal.CausalSignature;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Each notification block sends exactly the provider's wire format, through the delivery path. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
@QuarkusTestResource(SmtpServer.class)
class NotificationActionsTest {

    private static final String SUBJECT = "Alert on {{ event.resource.id }}";
    private static final String BODY = "Event {{ event.event }} from {{ automation.name }} <& done>";

    @Inject
    ActionExecutor executor;

    @ConfigProperty(name = "vigil.loop-guard.secret")
    String loopGuardSecret;

    private void run(ActionMessage message) {
        InVertx.await(() -> executor.execute(message));
    }

    private static ActionMessage notify(UUID block, String subject, String body) {
        return Messages.of(new SendNotification(block, subject, body));
    }

    private static String path(String prefix) {
        String path = "/" + prefix + "/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("ok")));
        return path;
    }

    private static LoggedRequest only(RequestPatternBuilder pattern) {
        List<LoggedRequest> found = Receiver.SERVER.findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static void assertSucceeded(ActionMessage message) {
        JsonPath execution = Executions.of(message);
        assertThat(execution.getString("status")).isEqualTo("succeeded");
    }

    @Test
    void slackGetsTextInMrkdwnWithSubjectInBold() {
        String path = path("slack");
        ActionMessage message = notify(Blocks.create("slack-webhook", Map.of("url", Receiver.url(path))), SUBJECT, BODY);
        run(message);
        only(postRequestedFor(urlEqualTo(path))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Idempotency-Key", equalTo(message.idempotencyKey()))
                .withRequestBody(equalToJson("{\"text\": \"*Alert on my.resource.1*\\n"
                        + "Event external.resource.pinged from Ops alert &lt;&amp; done&gt;\"}")));
        assertSucceeded(message);
    }

    @Test
    void teamsGetsAnAdaptiveCard() {
        String path = path("teams");
        ActionMessage message = notify(Blocks.create("ms-teams-webhook", Map.of("url", Receiver.url(path))), SUBJECT,
                "Body text");
        run(message);
        only(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("""
                {"type": "message", "attachments": [{
                  "contentType": "application/vnd.microsoft.card.adaptive",
                  "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard", "version": "1.4",
                    "body": [
                      {"type": "TextBlock", "text": "Alert on my.resource.1", "weight": "Bolder", "size": "Medium", "wrap": true},
                      {"type": "TextBlock", "text": "Body text", "wrap": true}
                    ]}}]}""")));
        assertSucceeded(message);
    }

    @Test
    void discordGetsContentAtItsWebhookIdAndToken() {
        String id = "1234567890";
        String token = "tok-" + UUID.randomUUID();
        String path = "/discord/api/webhooks/" + id + "/" + token;
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        ActionMessage message = notify(Blocks.create("discord-webhook",
                Map.of("webhook_id", id, "webhook_token", token, "botname", "Vigil")), SUBJECT, "Body text");
        run(message);
        only(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("""
                {"content": "**Alert on my.resource.1**\\nBody text", "tts": false, "username": "Vigil",
                 "allowed_mentions": {"parse": []}}""")));
        assertSucceeded(message);
    }

    @Test
    void customWebhookFillsItsJsonDataAndHeaders() {
        String path = path("custom");
        ActionMessage message = notify(Blocks.create("custom-webhook", Map.of("url", Receiver.url(path),
                "name", "ops", "headers", Map.of("X-Api-Key", "k-123"),
                "json_data", Map.of("title", "{{subject}}", "text", "{{body}} ({{name}})", "n", 3))), SUBJECT,
                "Body text");
        run(message);
        only(postRequestedFor(urlEqualTo(path))
                .withHeader("X-Api-Key", equalTo("k-123"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(
                        "{\"title\": \"Alert on my.resource.1\", \"text\": \"Body text (ops)\", \"n\": 3}")));
        assertSucceeded(message);
    }

    @Test
    void anHttpNotificationCarriesTheFiringsSignedCausalChainNotTheBlocksOwn() {
        String path = path("custom");
        ActionMessage message = notify(Blocks.create("custom-webhook", Map.of("url", Receiver.url(path),
                "headers", Map.of(CausalSignature.CHAIN_HEADER, "forged-chain"))), SUBJECT, "Body text");
        run(message);
        LoggedRequest request = only(postRequestedFor(urlEqualTo(path)));
        String automation = message.automation().id().toString();
        assertThat(request.getHeader(CausalSignature.CHAIN_HEADER)).isEqualTo(automation);
        CausalSignature verifier = new CausalSignature(loopGuardSecret, Duration.ofMinutes(10));
        assertThat(verifier.verify(Workspaces.DEFAULT, request.getHeader(CausalSignature.CHAIN_HEADER),
                request.getHeader(CausalSignature.SIGNATURE_HEADER), Instant.now())).contains(List.of(automation));
        assertSucceeded(message);
    }

    @Test
    void customWebhookWithoutJsonDataSendsSubjectAndBody() {
        String path = path("custom");
        ActionMessage message = notify(Blocks.create("custom-webhook", Map.of("url", Receiver.url(path))), SUBJECT,
                "Body text");
        run(message);
        only(postRequestedFor(urlEqualTo(path)).withRequestBody(
                equalToJson("{\"subject\": \"Alert on my.resource.1\", \"body\": \"Body text\"}")));
    }

    @Test
    void pagerDutyGetsAnEventsV2TriggerWithSeverity() {
        Receiver.SERVER.stubFor(post(urlEqualTo("/pagerduty/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withBody("{\"status\": \"success\", \"message\": \"Event processed\"}")));
        String key = "R" + UUID.randomUUID().toString().replace("-", "");
        ActionMessage message = notify(Blocks.create("pager-duty-webhook", Map.of("integration_key", key,
                "severity", "critical", "group", "prod")), SUBJECT, "Body text");
        run(message);
        only(postRequestedFor(urlEqualTo("/pagerduty/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(key)))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                         "payload": {"summary": "Alert on my.resource.1", "severity": "critical", "source": "Prefect",
                                     "component": "Notification", "group": "prod",
                                     "custom_details": {"body": "Body text"}}}"""
                        .formatted(key, message.idempotencyKey()))));
        assertSucceeded(message);
    }

    @Test
    void pagerDutyRefusesAnUnknownSeverityNamingTheField() {
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"name\": \"pd-bad\", \"block_type_slug\": \"pager-duty-webhook\", "
                        + "\"data\": {\"integration_key\": \"k\", \"severity\": \"sev1\"}}")
                .post("/api/block_documents/").then().statusCode(422)
                .body("exception_detail[0].loc", org.hamcrest.Matchers.contains("body", "data", "severity"));
    }

    @Test
    void twilioSendsOneFormEncodedMessagePerRecipientWithBasicAuth() {
        String sid = "AC" + UUID.randomUUID().toString().replace("-", "");
        String path = "/twilio/2010-04-01/Accounts/" + sid + "/Messages.json";
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201)
                .withBody("{\"sid\": \"SM1\", \"status\": \"queued\"}")));
        ActionMessage message = notify(Blocks.create("twilio-sms", Map.of("account_sid", sid, "auth_token", "secret-tok",
                "from_phone_number", "+15550001111", "to_phone_numbers", List.of("+15550002222", "+15550003333"))),
                SUBJECT, "Body & more");
        run(message);
        String auth = "Basic " + Base64.getEncoder().encodeToString((sid + ":secret-tok").getBytes(StandardCharsets.UTF_8));
        List<LoggedRequest> sent = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", equalTo(auth))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded")));
        assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsExactly(
                "To=%2B15550002222&From=%2B15550001111&Body=Alert+on+my.resource.1%0ABody+%26+more",
                "To=%2B15550003333&From=%2B15550001111&Body=Alert+on+my.resource.1%0ABody+%26+more");
        assertSucceeded(message);
    }

    @Test
    void emailGoesOverSmtpWithTextAndTheHtmlLayout() throws Exception {
        String to = "ops-" + UUID.randomUUID() + "@example.com";
        ActionMessage message = notify(Blocks.create("email", Map.of("email_addresses", List.of(to))), SUBJECT,
                "Body <b>text</b>");
        run(message);
        MimeMessage mail = List.of(SmtpServer.SERVER.getReceivedMessages()).stream()
                .filter(m -> recipients(m).contains(to)).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("Alert on my.resource.1");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("vigil@example.com");
        assertThat(mail.getHeader(EmailNotifier.IDEMPOTENCY_HEADER)[0]).isEqualTo(message.idempotencyKey());
        String parts = parts(mail);
        assertThat(parts).contains("Body <b>text</b>");
        assertThat(parts).contains("Body &lt;b&gt;text&lt;/b&gt;").contains("<!DOCTYPE html>")
                .contains("automation \"Ops alert\"");
        assertSucceeded(message);
    }

    @Test
    void unsetSubjectAndBodyUseVigilsDefaults() {
        String path = path("slack");
        ActionMessage message = Messages.of(new SendNotification(Blocks.create("custom-webhook",
                        Map.of("url", Receiver.url(path))), "", null),
                Messages.event(Resource.of("my.resource.9"), List.of()), Map.of("env", "prod"));
        run(message);
        String body = only(postRequestedFor(urlEqualTo(path))).getBodyAsString();
        JsonPath json = new JsonPath(body);
        assertThat(json.getString("subject")).isEqualTo("Prefect automated notification");
        assertThat(json.getString("body"))
                .startsWith("Automation \"Ops alert\" (" + message.automation().id() + ") was triggered by event "
                        + "external.resource.pinged on my.resource.9 at ")
                .contains("Triggering labels:\n- env: prod");
    }

    @Test
    void aRefusedNotificationFailsWithoutRetryingA4xx() {
        String path = "/slack/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(404).withBody("no_service")));
        ActionMessage message = notify(Blocks.create("slack-webhook", Map.of("url", Receiver.url(path))), SUBJECT, BODY);
        run(message);
        JsonPath execution = Executions.of(message);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("reason")).isEqualTo("Unexpected status from 'send-notification' action: 404");
        assertThat(execution.getList("attempts")).hasSize(1);
        assertThat(execution.getString("attempts[0].request")).doesNotContain(path);
    }

    @Test
    void aWebhookBlockIsNotANotifier() {
        ActionMessage message = notify(Blocks.webhook(Receiver.url("/x")), SUBJECT, BODY);
        run(message);
        assertThat(Executions.of(message).getString("reason")).contains("cannot be used here");
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return List.of(message.getAllRecipients()).stream().map(Object::toString).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String parts(MimeMessage mail) throws Exception {
        StringBuilder all = new StringBuilder();
        collect(mail.getContent(), all);
        return all.toString();
    }

    private static void collect(Object content, StringBuilder all) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i).getContent(), all);
            }
        } else {
            all.append(content).append('\n');
        }
    }
}
