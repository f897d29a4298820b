package dev.vigil.template;

/** A template could not be rendered; the message says why and is safe to show to the user. */
public final class TemplateRenderException extends RuntimeException {

    public TemplateRenderException(String message) {
        super(message);
    }
}
