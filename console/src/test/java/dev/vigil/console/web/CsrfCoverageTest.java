package dev.vigil.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.apikey.ApiKeysResource;
import dev.vigil.console.automation.AutomationsResource;
import dev.vigil.console.block.BlockFormsResource;
import dev.vigil.console.block.BlocksResource;
import dev.vigil.console.block.WebhookFormsResource;
import dev.vigil.console.delivery.DeliveriesResource;
import dev.vigil.console.event.EventsResource;
import dev.vigil.console.incident.IncidentsResource;
import dev.vigil.console.session.SignInResource;
import jakarta.ws.rs.POST;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.junit.jupiter.api.Test;

/** Every form the console accepts (every POST) reads the {@code csrf} field: none can forget the check's input. */
class CsrfCoverageTest {

    private static final List<Class<?>> RESOURCES = List.of(AutomationsResource.class, BlocksResource.class,
            BlockFormsResource.class, WebhookFormsResource.class,
            DeliveriesResource.class, EventsResource.class, IncidentsResource.class,
            ApiKeysResource.class, SignInResource.class);

    @Test
    void everyPostTakesTheFormToken() {
        List<String> missing = new ArrayList<>();
        int posts = 0;
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(POST.class)) {
                    continue;
                }
                posts++;
                boolean hasToken = false;
                for (Parameter parameter : method.getParameters()) {
                    RestForm form = parameter.getAnnotation(RestForm.class);
                    if (form != null && (form.value().equals("csrf")
                            || form.value().isEmpty() && parameter.getName().equals("csrf"))) {
                        hasToken = true;
                    }
                }
                if (!hasToken) {
                    missing.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(posts).isGreaterThanOrEqualTo(18);
        assertThat(missing).as("POST methods without a csrf form field").isEmpty();
    }
}
