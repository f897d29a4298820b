package dev.vigil.actuator.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.config.ActuatorConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without an orchestrator, an orchestrator action fails at once with a reason that says what to configure. */
class UnconfiguredOrchestratorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theFailureReasonSaysWhatToConfigure() {
        ActuatorConfig.Orchestrator none = new ActuatorConfig.Orchestrator() {
            @Override
            public Optional<String> url() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }

            @Override
            public int variablePageSize() {
                return 200;
            }

            @Override
            public int maxVariables() {
                return 1000;
            }
        };
        ActuatorConfig config = (ActuatorConfig) Proxy.newProxyInstance(ActuatorConfig.class.getClassLoader(),
                new Class<?>[] {ActuatorConfig.class}, (proxy, method, args) -> {
                    if ("orchestrator".equals(method.getName())) {
                        return none;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        OrchestratorClient client = new OrchestratorClient(config, null, null);

        assertThat(client.configured()).isFalse();
        Throwable failure = catchThrowable(() -> client.call(null, null, "POST",
                "/deployments/00000000-0000-0000-0000-000000000001/create_flow_run", Map.of()).await().atMost(WAIT));
        assertThat(failure).isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("VIGIL_ORCHESTRATOR_URL")
                .hasMessageContaining("VIGIL_ORCHESTRATOR_API_KEY")
                .hasMessageContaining("bin/up --orchestrator");
    }
}
