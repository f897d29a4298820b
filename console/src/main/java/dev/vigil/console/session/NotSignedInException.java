package dev.vigil.console.session;

/** The request needs a sign-in it does not have (none, expired, or the key was revoked meanwhile). */
public class NotSignedInException extends RuntimeException {

    public NotSignedInException() {
        super("not signed in", null, false, false);
    }
}
