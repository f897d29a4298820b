package dev.vigil.evaluator.automation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the automations are loaded: before that, this replica holds the events it is given until the
 * load is over, and its API answers for a catalog it does not have yet.
 */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

    static final String NAME = "automations loaded";

    private final AutomationCatalog catalog;

    public CatalogReadiness(AutomationCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(catalog.loaded()).build();
    }
}
