package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a webhook's sender signs requests. */
public enum SignatureScheme {
    /** HMAC-SHA256 of the raw body, hex (optionally {@code sha256=}-prefixed), in a configurable header. */
    @JsonProperty("hmac-sha256") HMAC_SHA256,
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>}. */
    @JsonProperty("github") GITHUB,
    /** Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>} over {@code t.body}, within the replay window. */
    @JsonProperty("stripe") STRIPE,
    /** Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}. */
    @JsonProperty("standard-webhooks") STANDARD_WEBHOOKS;

    static SignatureScheme fromColumn(String value) {
        return value == null ? null : valueOf(value);
    }
}
