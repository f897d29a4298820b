package dev.vigil.ingest.webhook;

/** A webhook call that cannot become events; the message is safe to show to the caller. */
public final class WebhookRejection extends RuntimeException {

    public WebhookRejection(String message) {
        super(message, null, false, false);
    }
}
