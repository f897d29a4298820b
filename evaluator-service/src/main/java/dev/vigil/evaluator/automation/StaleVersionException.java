package dev.vigil.evaluator.automation;

/** A write whose {@code If-Match} names a version the automation no longer has (answered 412). */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException() {
        super("The automation was changed since the version named in If-Match; read it again", null, false, false);
    }
}
