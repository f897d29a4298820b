package dev.vigil.actuator.notification;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twilio SMS: one {@code POST /2010-04-01/Accounts/<sid>/Messages.json} per recipient, form-encoded
 * {@code To}, {@code From} and {@code Body} (subject, newline, body), with HTTP basic auth
 * {@code <sid>:<auth_token>}.
 */
@Singleton
public class TwilioNotifier extends HttpNotifier {

    private final String baseUrl;

    public TwilioNotifier(HttpDelivery http, ActuatorConfig config) {
        super(http, config.responseExcerptChars());
        String base = config.notifications().twilioUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.TWILIO;
    }

    @Override
    protected List<HttpCall> calls(BlockDocumentEntity block, Notification notification) {
        String sid = BlockData.string(block, "account_sid");
        String credentials = sid + ":" + BlockData.string(block, "auth_token");
        Map<String, String> headers = Map.of(
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/x-www-form-urlencoded");
        String url = baseUrl + "/2010-04-01/Accounts/" + encode(sid) + "/Messages.json";
        String text = notification.subject() + "\n" + notification.body();
        String from = BlockData.string(block, "from_phone_number");
        return BlockData.strings(block, "to_phone_numbers").stream()
                .map(to -> new HttpCall("POST", url, headers, form(to, from, text), false, null))
                .toList();
    }

    private static String form(String to, String from, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", to);
        fields.put("From", from);
        fields.put("Body", body);
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=').append(encode(v)));
        return form.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
