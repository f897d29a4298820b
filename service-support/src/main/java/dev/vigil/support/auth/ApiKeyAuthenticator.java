package dev.vigil.support.auth;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a key for a call: its syntax (no lookup for junk), then its hash in a small cache of recent
 * lookups (valid and unknown keys alike, {@code vigil.auth.cache-ttl}), then the key store. A cached
 * check costs a SHA-256 and a map lookup; a revoked key stops working when its entry ages out.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    static final String MISSING = "Missing API key: send the header Authorization: Bearer <key>";
    static final String MALFORMED = "Malformed API key";
    static final String UNKNOWN = "Unknown or revoked API key";
    static final String EXPIRED = "Expired API key";

    private record Entry(ApiKeyPrincipal principal, long loadedNanos) {
    }

    private final ApiKeyStore store;
    private final long ttlNanos;
    private final int maxEntries;
    private final String serviceKeyHash;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public ApiKeyAuthenticator(ApiKeyStore store, AuthConfig config) {
        this.store = store;
        this.ttlNanos = config.cacheTtl().toNanos();
        this.maxEntries = config.cacheMaxEntries();
        this.serviceKeyHash = config.serviceKey().filter(ApiKeys::isWellFormed).map(ApiKeys::hash).orElse(null);
        if (config.serviceKey().isPresent() && serviceKeyHash == null) {
            Log.warn("vigil.auth.service-key is not a well-formed Vigil key (vgl_...); it is ignored");
        }
    }

    /**
     * The outcome if it is known without a lookup (a malformed key, a cached one), else null: then call
     * {@link #check}.
     */
    public AuthOutcome checkCached(String key, UUID account, UUID workspace, Permission needed) {
        if (key == null) {
            return AuthOutcome.refused(AuthOutcome.UNAUTHORIZED, MISSING);
        }
        if (!ApiKeys.isWellFormed(key)) {
            return AuthOutcome.refused(AuthOutcome.UNAUTHORIZED, MALFORMED);
        }
        String hash = ApiKeys.hash(key);
        if (hash.equals(serviceKeyHash)) {
            return decide(ApiKeyPrincipal.service(), account, workspace, needed);
        }
        Entry entry = cache.get(hash);
        if (entry == null || System.nanoTime() - entry.loadedNanos() > ttlNanos) {
            return null;
        }
        return decide(entry.principal(), account, workspace, needed);
    }

    /** The outcome, looked up in the key store unless cached. Never fails: an unreadable store is a 503. */
    public Uni<AuthOutcome> check(String key, UUID account, UUID workspace, Permission needed) {
        AuthOutcome cached = checkCached(key, account, workspace, needed);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        String hash = ApiKeys.hash(key);
        long started = System.nanoTime();
        return store.findByHash(hash)
                .map(principal -> {
                    remember(hash, new Entry(principal, started));
                    return decide(principal, account, workspace, needed);
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("API keys cannot be read: %s", failure.getMessage());
                    return AuthOutcome.refused(AuthOutcome.UNAVAILABLE, "Authentication is unavailable; try again");
                });
    }

    /** Forgets every cached lookup (after a revocation through this replica). */
    public void invalidateAll() {
        cache.clear();
    }

    private static AuthOutcome decide(ApiKeyPrincipal principal, UUID account, UUID workspace, Permission needed) {
        if (principal == null) {
            return AuthOutcome.refused(AuthOutcome.UNAUTHORIZED, UNKNOWN);
        }
        if (principal.isExpired(System.currentTimeMillis())) {
            return AuthOutcome.refused(AuthOutcome.UNAUTHORIZED, EXPIRED);
        }
        if (!principal.covers(account, workspace)) {
            return AuthOutcome.refused(AuthOutcome.NOT_FOUND, "Not Found");
        }
        if (!principal.role().allows(needed)) {
            return AuthOutcome.refused(AuthOutcome.FORBIDDEN,
                    "Forbidden: a key with role " + principal.role().wireName() + " may not make this call");
        }
        return AuthOutcome.allowed(principal);
    }

    private void remember(String hash, Entry entry) {
        if (cache.size() >= maxEntries) {
            long now = System.nanoTime();
            for (Iterator<Entry> it = cache.values().iterator(); it.hasNext(); ) {
                if (now - it.next().loadedNanos() > ttlNanos) {
                    it.remove();
                }
            }
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
        }
        cache.put(hash, entry);
    }
}
