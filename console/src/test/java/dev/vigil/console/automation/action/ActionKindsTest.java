package dev.vigil.console.automation.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.action.Action;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The action form covers the shared model's whole sealed set, and the posted form carries every field it shows. */
class ActionKindsTest {

    @Test
    void everyActionTypeOfTheModelHasAForm() throws Exception {
        Set<String> modelTypes = new java.util.HashSet<>();
        for (Class<?> type : Action.class.getPermittedSubclasses()) {
            Field tag = type.getField("TYPE");
            modelTypes.add((String) tag.get(null));
        }
        assertThat(ActionKinds.ALL.stream().map(ActionKind::type)).containsExactlyInAnyOrderElementsOf(modelTypes);
    }

    @Test
    void everyFieldShownIsReadBackFromTheForm() {
        ActionInput input = new ActionInput();
        for (Field field : ActionInput.class.getFields()) {
            try {
                field.set(input, field.getName());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> values = input.values();
        ActionKinds.ALL.forEach(kind -> kind.fields().forEach(field ->
                assertThat(values).as(kind.type() + "." + field.name()).containsKey(field.name())));
    }

    @Test
    void aSelectedTargetNeedsItsIdAndAnInferredOneDropsIt() {
        ActionKind pause = ActionKinds.find("pause-deployment").orElseThrow();
        assertThat(ActionBuilder.build(pause, Map.of("source", "selected"), Set.of()).errors())
                .containsOnlyKeys("deployment_id");
        assertThat(ActionBuilder.build(pause, Map.of("source", "inferred", "deployment_id", "anything"), Set.of())
                .action().orElseThrow().path("deployment_id").isNull()).isTrue();
    }

    @Test
    void aBlockMustBeOneOfThoseOffered() {
        ActionKind webhook = ActionKinds.find("call-webhook").orElseThrow();
        String offered = "5a0c7f3e-0000-4000-8000-0000000000a1";
        assertThat(ActionBuilder.build(webhook, Map.of("block_document_id", "5a0c7f3e-0000-4000-8000-0000000000ff"),
                Set.of(offered)).errors()).containsEntry("block_document_id", "Choose a block of this workspace.");
        assertThat(ActionBuilder.build(webhook, Map.of("block_document_id", offered), Set.of(offered)).action())
                .isPresent();
        assertThat(Arrays.asList(webhook.blockAction(), ActionKinds.find("do-nothing").orElseThrow().blockAction()))
                .containsExactly("call-webhook", "");
    }
}
