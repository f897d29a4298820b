package dev.vigil.evaluator.automation;

import java.util.List;
import java.util.Set;

/**
 * What one {@code PUT /automations/apply} asks for: the definitions, where each came from in the document
 * (for error locations), and the owners (deployments) whose triggers the document lists in full, so that an
 * automation of such an owner that the document no longer names is deleted.
 */
record ApplyDocument(List<AutomationCreate> definitions, List<List<Object>> locations, Set<String> owners) {

    ApplyDocument {
        if (definitions.size() != locations.size()) {
            throw new IllegalArgumentException("one location per definition");
        }
        definitions = List.copyOf(definitions);
        locations = List.copyOf(locations);
        owners = Set.copyOf(owners);
    }
}
