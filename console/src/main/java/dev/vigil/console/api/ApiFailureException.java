package dev.vigil.console.api;

/** A service answered an error a page cannot handle itself, or could not be reached (status 0). */
public class ApiFailureException extends RuntimeException {

    private final int status;

    public ApiFailureException(String what, int status, String detail) {
        super(what + ": " + detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
