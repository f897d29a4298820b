package dev.vigil.support.json;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources whose JSON bodies are stored or used in queries: {@link CheckedJsonInterceptor}
 * refuses a NUL character in any of their strings or keys before they are read.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface CheckedJson {
}
