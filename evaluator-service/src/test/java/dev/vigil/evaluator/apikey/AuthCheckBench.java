package dev.vigil.evaluator.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyAuthenticator;
import dev.vigil.support.auth.ApiKeyPrincipal;
import dev.vigil.support.auth.ApiKeyStore;
import dev.vigil.support.auth.ApiKeys;
import dev.vigil.support.auth.AuthConfig;
import dev.vigil.support.auth.AuthOutcome;
import dev.vigil.support.auth.Permission;
import dev.vigil.support.auth.Role;
import io.smallrye.mutiny.Uni;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of a cached key check, what the auth filter does per request once a key's lookup is cached:
 * syntax and checksum, SHA-256, cache lookup, expiry, workspace and role. Plain Java (the store is a stub
 * that is asked once per round); prints ns per check over rounds of {@code vigil.bench.checks} checks.
 *
 * <pre>
 * mvn -o -q test -pl evaluator-service -am -Dtest=AuthCheckBench -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.bench=true
 * </pre>
 * (no infrastructure needed).
 */
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class AuthCheckBench {

    private static final int ROUNDS = 20;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** CPU time of this thread: on a shared, loaded box the wall clock mostly measures waiting for a core. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void cachedCheck() {
        String key = ApiKeys.generate();
        ApiKeyPrincipal principal = new ApiKeyPrincipal(UUID.randomUUID(), Workspaces.DEFAULT, Workspaces.DEFAULT,
                Role.WRITE, null);
        ApiKeyStore store = new ApiKeyStore(null) {
            @Override
            public Uni<ApiKeyPrincipal> findByHash(String keyHash) {
                return Uni.createFrom().item(principal);
            }
        };
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(store, config());
        int checks = Integer.getInteger("vigil.bench.checks", 200_000);
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            authenticator.invalidateAll();
            AuthOutcome loaded = authenticator.check(key, null, Workspaces.DEFAULT, Permission.WRITE)
                    .await().atMost(WAIT);
            assertThat(loaded.isAllowed()).isTrue();
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < checks; i++) {
                sink += authenticator.checkCached(key, null, Workspaces.DEFAULT, Permission.WRITE).status();
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStarted;
            long elapsed = System.nanoTime() - started;
            System.out.printf(Locale.ROOT,
                    "AuthCheckBench round %d: %.0f ns CPU, %.0f ns wall clock per cached check (%d checks)%n",
                    round, (double) cpu / checks, (double) elapsed / checks, checks);
        }
        assertThat(sink).isPositive();
    }

    private static AuthConfig config() {
        return new AuthConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<String> bootstrapAdminKey() {
                return Optional.empty();
            }

            @Override
            public Optional<String> serviceKey() {
                return Optional.empty();
            }

            @Override
            public Duration cacheTtl() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration startupWait() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int cacheMaxEntries() {
                return 10_000;
            }
        };
    }
}
