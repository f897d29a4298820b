package dev.vigil.console.apidoc;

import dev.vigil.console.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Swagger UI over {@link ApiDocumentResource#PATH}, open like Prefect's {@code /docs}: its assets come from
 * the smallrye-open-api-ui jar ({@code /openapi-ui/}), and it starts from {@code /static/docs.js}, not an
 * inline script, so the console's Content-Security-Policy holds. "Authorize" takes an API key.
 */
@Path(DocsPage.PATH)
public class DocsPage {

    public static final String PATH = "/docs";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance docs();
    }

    @GET
    public Response docs() {
        return Pages.html(Templates.docs());
    }
}
