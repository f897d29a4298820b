package dev.vigil.console.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How pages answer: rendered HTML that no cache keeps, or a redirect after a form (303, post/redirect/get). */
public final class Pages {

    public static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    private static final int SEE_OTHER = 303;

    private Pages() {
    }

    public static Response html(TemplateInstance page) {
        return html(Response.Status.OK.getStatusCode(), page);
    }

    public static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(HTML).entity(page.render()).header("Cache-Control", "no-store").build();
    }

    public static Response seeOther(String path) {
        return Response.status(SEE_OTHER).location(URI.create(path)).build();
    }
}
