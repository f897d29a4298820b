package dev.vigil.actuator.block;

/** The evaluator could not say which automations use a block; answered as 503, and nothing is deleted. */
public class EvaluatorUnavailableException extends RuntimeException {

    public EvaluatorUnavailableException(String reason) {
        super(reason);
    }
}
