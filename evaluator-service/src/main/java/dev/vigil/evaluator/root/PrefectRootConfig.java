package dev.vigil.evaluator.root;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What Vigil answers to Prefect clients' version checks. */
@ConfigMapping(prefix = "vigil.prefect-api")
public interface PrefectRootConfig {

    /**
     * The Prefect server version {@code /api/admin/version} reports. Prefect's client refuses a server whose
     * major version differs from its own, so this is the Prefect 3 release whose API Vigil follows.
     */
    @WithDefault("3.8.3")
    String version();

    /** Prefect's REST API version ({@code /api/version}), which its clients send as {@code X-PREFECT-API-VERSION}. */
    @WithDefault("0.8.4")
    String apiVersion();
}
