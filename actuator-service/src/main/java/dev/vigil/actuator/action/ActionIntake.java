package dev.vigil.actuator.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vigil.actuator.batch.WriteBatcher;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers arriving action messages into batches for the {@link BatchExecutor}: a message waits at most
 * {@code vigil.actuator.action-batch.window} for others (a poll's records arrive together, so they mostly share
 * one batch), or until {@code max-size} are waiting. A record that cannot be parsed fails alone.
 */
@ApplicationScoped
public class ActionIntake {

    private static final ObjectReader ACTION_MESSAGE = VigilJson.mapper().copy()
            .registerModule(new SimpleModule().addDeserializer(OffsetDateTime.class, new IsoTimestampDeserializer()))
            .readerFor(ActionMessage.class);

    private final BatchExecutor executor;
    private final WriteBatcher<String, Uni<Void>> batches;

    public ActionIntake(BatchExecutor executor, Vertx vertx, ActuatorConfig config) {
        this.executor = executor;
        this.batches = new WriteBatcher<>(vertx, config.actionBatch().window(), config.actionBatch().maxSize(),
                jsons -> Uni.createFrom().item(() -> start(jsons)));
    }

    /** Runs the action of the record {@code json}; completes when it is over, fails when it could not be run. */
    public Uni<Void> run(String json) {
        return batches.write(json).chain(end -> end);
    }

    private List<Uni<Void>> start(List<String> jsons) {
        List<BatchExecutor.Arrival> readable = new ArrayList<>(jsons.size());
        List<Uni<Void>> ends = new ArrayList<>(jsons.size());
        List<Integer> at = new ArrayList<>(jsons.size());
        for (String json : jsons) {
            try {
                readable.add(new BatchExecutor.Arrival(ACTION_MESSAGE.readValue(json), json));
                at.add(ends.size());
                ends.add(null);
            } catch (JsonProcessingException e) {
                ends.add(Uni.createFrom().failure(
                        new IllegalArgumentException("unreadable action message: " + e.getOriginalMessage(), e)));
            }
        }
        List<Uni<Void>> started = readable.isEmpty() ? List.of() : executor.executeAll(readable);
        for (int i = 0; i < started.size(); i++) {
            ends.set(at.get(i), started.get(i));
        }
        return ends;
    }
}
