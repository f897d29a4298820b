package dev.vigil.actuator.egress;

/**
 * An outgoing call that must not be made: its target address is not allowed, or its URL or headers are
 * unusable. Deterministic, so never retried. The message names what is wrong, never a header value, a URL
 * credential or a query.
 */
public class EgressRefusedException extends RuntimeException {

    public EgressRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
