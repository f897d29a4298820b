package dev.vigil.actuator.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Short expression-only templates render right on the event loop; any other goes to a worker thread. */
@QuarkusTest
class ActionTemplatesTest {

    private record Rendered(boolean onTheSpot, String output) {
    }

    @Inject
    ActionTemplates templates;

    private final ActionMessage message = Messages.of(new DoNothing());

    /** Whether the render was over as soon as it was subscribed to on the event loop (no worker hop), and its output. */
    private Rendered render(String template) {
        return InVertx.await(() -> Uni.createFrom().deferred(() -> {
            CompletableFuture<String> output = templates.render(template, message).subscribeAsCompletionStage();
            boolean onTheSpot = output.isDone();
            return Uni.createFrom().completionStage(output).map(text -> new Rendered(onTheSpot, text));
        }));
    }

    @Test
    void aShortExpressionOnlyTemplateRendersOnTheEventLoop() {
        assertThat(render("{\"state\": \"{{ event.event }}\", \"n\": {{ 6 * 7 }}}"))
                .isEqualTo(new Rendered(true, "{\"state\": \"external.resource.pinged\", \"n\": 42}"));
    }

    @Test
    void aTemplateWithStatementsOrALongOneRendersOnAWorker() {
        // Whether a worker finished before the check is a race, so assert the routing decision and the output.
        String statements = "{% for i in range(3) %}{{ i }}{% endfor %}";
        String longOne = "{{ event.event }}" + " ".repeat(600);
        assertThat(templates.cheap(statements)).isFalse();
        assertThat(templates.cheap(longOne)).isFalse();
        assertThat(render(statements).output()).isEqualTo("012");
        assertThat(render(longOne).output()).isEqualTo("external.resource.pinged" + " ".repeat(600));
    }
}
