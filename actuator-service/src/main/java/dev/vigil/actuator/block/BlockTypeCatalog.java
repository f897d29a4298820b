package dev.vigil.actuator.block;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The block types Vigil can use, with Prefect's slugs and field names where Prefect has the block.
 * Read-only.
 */
@ApplicationScoped
public class BlockTypeCatalog {

    public static final String WEBHOOK = "webhook";
    public static final String SLACK = "slack-webhook";
    public static final String TEAMS = "ms-teams-webhook";
    public static final String DISCORD = "discord-webhook";
    public static final String CUSTOM_WEBHOOK = "custom-webhook";
    public static final String PAGERDUTY = "pager-duty-webhook";
    public static final String TWILIO = "twilio-sms";
    public static final String EMAIL = "email";

    /** PagerDuty Events v2 severities. */
    public static final List<String> PAGERDUTY_SEVERITIES = List.of("critical", "error", "warning", "info");

    private static final String STRING = "string";
    private static final String ARRAY = "array";
    private static final String OBJECT = "object";
    private static final String BOOLEAN = "boolean";
    private static final String NUMBER = "number";

    /** Apprise's notification types, which Prefect's notification blocks carry as {@code notify_type}. */
    private static final List<String> NOTIFY_TYPES = List.of("info", "success", "warning", "failure");
    private static final String NOTIFY_TYPE_DEFAULT = "info";
    /** Prefect's custom webhook timeout default, in seconds. */
    private static final int CUSTOM_WEBHOOK_TIMEOUT_DEFAULT = 10;
    private static final BlockField NOTIFY_TYPE = BlockField.prefectOnly("notify_type", "Notify Type", STRING,
            NOTIFY_TYPE_DEFAULT, NOTIFY_TYPES);
    /** Prefect's switch for private addresses; Vigil's egress policy decides instead (docs/security.md). */
    private static final BlockField ALLOW_PRIVATE_URLS = BlockField.prefectOnly("allow_private_urls",
            "Allow Private Urls", BOOLEAN, true, null);

    private static BlockField prefectFlag(String name, String title, boolean defaultValue) {
        return BlockField.prefectOnly(name, title, BOOLEAN, defaultValue, null);
    }

    private static final List<BlockType> TYPES = List.of(
            new BlockType(WEBHOOK, "Webhook", "Calls an HTTP endpoint (call-webhook).", List.of(
                    new BlockField("url", "Webhook URL", STRING, true, true, null),
                    new BlockField("method", "Method", STRING, false, false, "POST"),
                    new BlockField("headers", "Headers", OBJECT, false, true, null),
                    new BlockField("secret", "Signing secret (Standard Webhooks)", STRING, false, true, null),
                    ALLOW_PRIVATE_URLS, prefectFlag("verify", "Verify", true))),
            new BlockType(SLACK, "Slack Webhook", "Posts notifications to a Slack incoming webhook.", List.of(
                    NOTIFY_TYPE, new BlockField("url", "Webhook URL", STRING, true, true, null), ALLOW_PRIVATE_URLS)),
            new BlockType(TEAMS, "Microsoft Teams Webhook",
                    "Posts notifications as an Adaptive Card to a Microsoft Teams (Workflows) webhook.", List.of(
                    NOTIFY_TYPE, new BlockField("url", "Webhook URL", STRING, true, true, null), ALLOW_PRIVATE_URLS,
                    prefectFlag("include_image", "Include Image", true), prefectFlag("wrap", "Wrap", true))),
            new BlockType(DISCORD, "Discord Webhook", "Posts notifications to a Discord webhook.", List.of(
                    NOTIFY_TYPE,
                    new BlockField("webhook_id", "Webhook ID", STRING, true, true, null),
                    new BlockField("webhook_token", "Webhook token", STRING, true, true, null),
                    new BlockField("botname", "Bot name", STRING, false, false, null),
                    new BlockField("tts", "Text to speech", BOOLEAN, false, false, false),
                    prefectFlag("include_image", "Include Image", false), prefectFlag("avatar", "Avatar", false),
                    BlockField.prefectOnly("avatar_url", "Avatar URL", STRING, null, null))),
            new BlockType(CUSTOM_WEBHOOK, "Custom Webhook",
                    "Sends notifications to any HTTP endpoint; {{subject}}, {{body}} and {{name}} in json_data "
                            + "are replaced (default body: {\"subject\": …, \"body\": …}).", List.of(
                    new BlockField("name", "Name", STRING, false, false, "Vigil"),
                    new BlockField("url", "Webhook URL", STRING, true, true, null),
                    new BlockField("method", "Method", STRING, false, false, "POST"),
                    new BlockField("headers", "Headers", OBJECT, false, true, null),
                    new BlockField("json_data", "JSON body", OBJECT, false, false, null),
                    BlockField.prefectOnly("params", "Query Params", OBJECT, null, null),
                    BlockField.prefectOnly("form_data", "Form Data", OBJECT, null, null),
                    BlockField.prefectOnly("cookies", "Cookies", OBJECT, null, null),
                    BlockField.prefectOnly("timeout", "Timeout", NUMBER, CUSTOM_WEBHOOK_TIMEOUT_DEFAULT, null),
                    ALLOW_PRIVATE_URLS,
                    BlockField.prefectOnlySecret("secrets", "Custom Secret Values", OBJECT))),
            new BlockType(PAGERDUTY, "Pager Duty Webhook", "Triggers PagerDuty alerts through the Events API v2.",
                    List.of(
                    NOTIFY_TYPE,
                    new BlockField("integration_key", "Integration (routing) key", STRING, true, true, null),
                    new BlockField("severity", "Severity", STRING, false, false, "info", PAGERDUTY_SEVERITIES),
                    new BlockField("source", "Source", STRING, false, false, "Prefect"),
                    new BlockField("component", "Component", STRING, false, false, "Notification"),
                    new BlockField("group", "Group", STRING, false, false, null),
                    new BlockField("class_id", "Class", STRING, false, false, null),
                    new BlockField("clickable_url", "Link", STRING, false, false, null),
                    BlockField.prefectOnlySecret("api_key", "API Key", STRING),
                    BlockField.prefectOnly("region_name", "Region Name", STRING, "us", List.of("us", "eu")),
                    prefectFlag("include_image", "Include Image", true),
                    BlockField.prefectOnly("custom_details", "Custom Details", OBJECT, null, null))),
            new BlockType(TWILIO, "Twilio SMS", "Sends notifications as SMS through Twilio.", List.of(
                    NOTIFY_TYPE,
                    new BlockField("account_sid", "Account SID", STRING, true, false, null),
                    new BlockField("auth_token", "Auth token", STRING, true, true, null),
                    new BlockField("from_phone_number", "From phone number", STRING, true, false, null),
                    new BlockField("to_phone_numbers", "To phone numbers", ARRAY, true, false, null))),
            new BlockType(EMAIL, "Email", "Sends notifications as email through the configured SMTP server.",
                    List.of(new BlockField("email_addresses", "Email addresses", ARRAY, true, false, null))));

    /** The types {@code send-notification} can use. */
    public static final Set<String> NOTIFIERS = Set.of(SLACK, TEAMS, DISCORD, CUSTOM_WEBHOOK, PAGERDUTY, TWILIO,
            EMAIL);

    public List<BlockType> all() {
        return TYPES;
    }

    public Optional<BlockType> bySlug(String slug) {
        return TYPES.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** The type with this block type id or block schema id. */
    public Optional<BlockType> byId(UUID id) {
        return TYPES.stream().filter(t -> t.id().equals(id) || t.schemaId().equals(id)).findFirst();
    }

    public Optional<BlockType> byTypeId(UUID id) {
        return TYPES.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<BlockType> bySchemaId(UUID id) {
        return TYPES.stream().filter(t -> t.schemaId().equals(id)).findFirst();
    }
}
