package dev.vigil.console.apidoc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The merged OpenAPI document of the public API ({@code vigil.console.api-document.*}). */
@ConfigMapping(prefix = "vigil.console.api-document")
public interface ApiDocumentConfig {

    /** How long a merged document is served before the services' documents are read again. */
    @WithDefault("5m")
    Duration refresh();

    /** The document's {@code info.version}: Vigil's version. */
    String version();
}
