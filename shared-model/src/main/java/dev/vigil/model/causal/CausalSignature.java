package dev.vigil.model.causal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Carries a causal chain over HTTP, from the actuator's call-webhook requests to ingest's
 * {@code /hooks/{slug}}: {@value #CHAIN_HEADER} holds the chain and {@value #SIGNATURE_HEADER}
 * {@code t=<unix seconds>,v1=<base64 HMAC-SHA256 of "workspace.t.chain">} under a secret only the services
 * share. Ingest accepts the chain only when the signature is valid, recent and names the hook's own
 * workspace, so an outsider can neither forge nor shorten a chain, and another workspace's chain does not count.
 */
public final class CausalSignature {

    public static final String CHAIN_HEADER = "Vigil-Causal-Chain";
    public static final String SIGNATURE_HEADER = "Vigil-Causal-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration maxAge;

    public CausalSignature(String secret, Duration maxAge) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.maxAge = maxAge;
    }

    public String sign(UUID workspaceId, List<String> chain, Instant now) {
        long t = now.getEpochSecond();
        return "t=" + t + ",v1=" + mac(workspaceId, t, CausalChain.text(chain));
    }

    /** The chain of a request to a hook of {@code workspaceId}, when its headers are authentic; else empty. */
    public Optional<List<String>> verify(UUID workspaceId, String chainHeader, String signatureHeader, Instant now) {
        if (chainHeader == null || signatureHeader == null) {
            return Optional.empty();
        }
        long t = -1;
        String given = null;
        for (String part : signatureHeader.split(",")) {
            String item = part.strip();
            if (item.startsWith("t=")) {
                try {
                    t = Long.parseLong(item.substring(2));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else if (item.startsWith("v1=")) {
                given = item.substring(3);
            }
        }
        if (t < 0 || given == null || Math.abs(now.getEpochSecond() - t) > maxAge.toSeconds()) {
            return Optional.empty();
        }
        List<String> chain = CausalChain.parse(chainHeader);
        byte[] expected = mac(workspaceId, t, CausalChain.text(chain)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(chain);
    }

    private String mac(UUID workspaceId, long t, String chain) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((workspaceId + "." + t + "." + chain).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
