package dev.vigil.support.template;

import dev.vigil.template.TemplateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The configured template bounds, for every bean that builds a Jinja environment. */
@ApplicationScoped
public class TemplateEnvironmentProducer {

    @Produces
    @Singleton
    TemplateLimits templateLimits(TemplateBoundsConfig config) {
        return config.limits();
    }
}
