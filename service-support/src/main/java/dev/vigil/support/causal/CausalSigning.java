package dev.vigil.support.causal;

import dev.vigil.model.causal.CausalSignature;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The configured {@link CausalSignature}, if a secret is set. */
@ApplicationScoped
public class CausalSigning {

    /** Shorter secrets are refused: the HMAC's strength is the secret's. */
    private static final int MIN_SECRET_CHARS = 32;

    private final Optional<CausalSignature> signature;

    public CausalSigning(LoopGuardConfig config) {
        Optional<String> secret = config.secret().filter(s -> !s.isBlank());
        if (secret.isPresent() && secret.get().length() < MIN_SECRET_CHARS) {
            throw new IllegalStateException("vigil.loop-guard.secret must be at least " + MIN_SECRET_CHARS
                    + " characters");
        }
        if (secret.isEmpty()) {
            Log.warn("vigil.loop-guard.secret (VIGIL_LOOP_GUARD_SECRET) is not set: causal chains do not travel"
                    + " through webhook calls, so only the storm brake stops a loop through a workspace's own hooks");
        }
        this.signature = secret.map(s -> new CausalSignature(s, config.signatureMaxAge()));
    }

    public Optional<CausalSignature> signature() {
        return signature;
    }
}
