package dev.vigil.system;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The webhook target of a system test: a WireMock server on the loopback that answers 200 to every
 * POST on its path, started before each test and stopped after it. Register it on an instance field
 * with {@code @RegisterExtension}.
 */
final class WebhookReceiver extends WireMockServer implements BeforeEachCallback, AfterEachCallback {

    private final String path;

    WebhookReceiver(String path) {
        super(options().dynamicPort().bindAddress(SystemSettings.LOOPBACK));
        this.path = path;
    }

    /** The URL the actions call. */
    String url() {
        return baseUrl() + path;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
        stubFor(post(path).willReturn(ok()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
