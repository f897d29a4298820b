package dev.vigil.console.session;

/** A form arrived without this session's form token. */
public class CsrfRejectedException extends RuntimeException {

    public CsrfRejectedException() {
        super("form token missing or wrong", null, false, false);
    }
}
