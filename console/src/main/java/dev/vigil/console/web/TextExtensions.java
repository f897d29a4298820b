package dev.vigil.console.web;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Template helpers: {@code {value.urlEncoded}} for a value put into a link's query. */
@TemplateExtension
public final class TextExtensions {

    private TextExtensions() {
    }

    static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
