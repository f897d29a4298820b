package dev.vigil.evaluator.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A WireMock playing the ingest service (a peer over HTTP) for backtests over stored history. */
public class IngestStub implements QuarkusTestResourceLifecycleManager {

    public static final WireMockServer SERVER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Override
    public Map<String, String> start() {
        if (!SERVER.isRunning()) {
            SERVER.start();
        }
        return Map.of("vigil.evaluator.ingest.url", SERVER.baseUrl(),
                "vigil.evaluator.ingest.timeout", "3s");
    }

    @Override
    public void stop() {
        // Shared by every test class in this JVM; stopped with it.
    }
}
