package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for ingest, evaluator and actuator (their paths do not overlap): the
 * page tests check what the console sends and how it shows the answers, without the real services.
 */
public class ServicesStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String url = server.baseUrl();
        return Map.of(
                "vigil.console.services.ingest-url", url,
                "vigil.console.services.evaluator-url", url,
                "vigil.console.services.actuator-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
