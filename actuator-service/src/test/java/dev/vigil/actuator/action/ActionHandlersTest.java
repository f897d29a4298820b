package dev.vigil.actuator.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.vigil.model.action.Action;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link Action} is sealed: its {@code permits} clause is the list of action types. This fails when a type
 * is added there without a wire name or without a handler, so a message of that type cannot reach the
 * dispatcher's "not supported by this actuator" failure.
 */
@QuarkusTest
class ActionHandlersTest {

    /** What {@link ActionDispatcher} is given. */
    @Inject
    Instance<ActionHandler> handlers;

    @Test
    void everyActionTypeHasExactlyOneHandler() {
        List<String> handled = handlers.stream().map(ActionHandler::type).toList();

        assertThat(handled).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(wireNames().values());
    }

    @Test
    void everyPermittedActionTypeHasAWireName() {
        assertThat(wireNames().keySet()).containsExactlyInAnyOrder(Action.class.getPermittedSubclasses());
    }

    /** Each action class Jackson knows, with its {@code type} tag. */
    private static Map<Class<?>, String> wireNames() {
        return Arrays.stream(Action.class.getAnnotation(JsonSubTypes.class).value())
                .collect(Collectors.toMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));
    }
}
