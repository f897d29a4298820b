package dev.vigil.support.json;

import dev.vigil.support.error.ValidationProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Refuses a {@link CheckedJson} resource's JSON body holding a NUL character with 422 naming the field. */
@Provider
@CheckedJson
public class CheckedJsonInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.getSubtype().endsWith("+json")) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        NulCheck.find(body).ifPresent(problem -> {
            throw new ValidationProblemException(problem);
        });
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
