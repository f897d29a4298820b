package dev.vigil.actuator.action;

import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.causal.CausalSignature;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.causal.CausalSigning;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A firing's causal chain, signed, as headers of every HTTP call an action makes (call-webhook and the HTTP
 * notifiers), so that a call to one of the workspace's own hooks turns into events that carry it (the loop
 * guard); other targets ignore the headers.
 */
@Singleton
public class CausalHeaders {

    private final Optional<CausalSignature> signature;

    public CausalHeaders(CausalSigning causal) {
        this.signature = causal.signature();
    }

    /** The headers for calls made on behalf of this message's firing; none when no loop-guard secret is set. */
    public Map<String, String> of(ActionMessage message) {
        if (signature.isEmpty()) {
            return Map.of();
        }
        List<String> chain = CausalChain.ofFiring(message.firing(), message.automation().id());
        return Map.of(CausalSignature.CHAIN_HEADER, CausalChain.text(chain),
                CausalSignature.SIGNATURE_HEADER, signature.get().sign(message.workspaceId(), chain, Instant.now()));
    }

    /** A block's own headers with the causal ones added; a block's headers of those names would forge the chain. */
    public static Map<String, String> onto(Map<String, String> own, Map<String, String> causal) {
        Map<String, String> headers = new LinkedHashMap<>(own);
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(CausalSignature.CHAIN_HEADER)
                || name.equalsIgnoreCase(CausalSignature.SIGNATURE_HEADER));
        headers.putAll(causal);
        return headers;
    }
}
