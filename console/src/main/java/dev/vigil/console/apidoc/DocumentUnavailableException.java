package dev.vigil.console.apidoc;

/** The merged API document cannot be made: a service did not give its own. */
public class DocumentUnavailableException extends RuntimeException {

    public DocumentUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
