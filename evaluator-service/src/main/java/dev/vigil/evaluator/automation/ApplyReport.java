package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.automation.Automation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What {@code PUT /automations/apply} did to each definition, by name and id. */
public record ApplyReport(
        @JsonProperty("created") List<Entry> created,
        @JsonProperty("updated") List<Entry> updated,
        @JsonProperty("unchanged") List<Entry> unchanged,
        @JsonProperty("deleted") List<Entry> deleted) {

    public record Entry(@JsonProperty("id") UUID id, @JsonProperty("name") String name) {

        static Entry of(Automation automation) {
            return new Entry(automation.id(), automation.name());
        }
    }

    static final class Builder {

        private final List<Entry> created = new ArrayList<>();
        private final List<Entry> updated = new ArrayList<>();
        private final List<Entry> unchanged = new ArrayList<>();
        private final List<Entry> deleted = new ArrayList<>();
        private final Set<UUID> createdIds = new HashSet<>();

        void created(Automation automation, List<Automation> changed) {
            created.add(Entry.of(automation));
            createdIds.add(automation.id());
            changed.add(automation);
        }

        void updated(Automation automation, List<Automation> changed) {
            updated.add(Entry.of(automation));
            changed.add(automation);
        }

        void unchanged(Automation automation) {
            unchanged.add(Entry.of(automation));
        }

        /** A deployment's automation that its triggers no longer name. */
        void deleted(Automation automation) {
            deleted.add(Entry.of(automation));
        }

        boolean wasCreated(UUID id) {
            return createdIds.contains(id);
        }

        ApplyReport build() {
            return new ApplyReport(List.copyOf(created), List.copyOf(updated), List.copyOf(unchanged),
                    List.copyOf(deleted));
        }
    }
}
