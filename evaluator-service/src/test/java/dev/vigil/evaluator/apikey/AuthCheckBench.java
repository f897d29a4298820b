package dev.vigil.evaluator.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyAuthenticator;
import dev.vigil.support.auth.AuthOutcome;
import dev.vigil.support.auth.Permission;
import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of a cached key check (what the auth filter does per request once a key's lookup is cached):
 * syntax and checksum, SHA-256, cache lookup, expiry, workspace and role. Prints ns per check over rounds
 * of {@code vigil.bench.checks} checks (200,000: well inside the 2 s TTL), each round reloading the cache once from PostgreSQL (as the TTL
 * does in a running service).
 *
 * <pre>
 * bin/test -pl evaluator-service -am -Dtest=AuthCheckBench -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.bench=true
 * </pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class AuthCheckBench {

    private static final int ROUNDS = 20;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ApiKeyAuthenticator authenticator;

    @Test
    void cachedCheck() {
        int checks = Integer.getInteger("vigil.bench.checks", 200_000);
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            authenticator.invalidateAll();
            AuthOutcome loaded = authenticator.check(TestApiKeys.ADMIN, null, Workspaces.DEFAULT, Permission.WRITE)
                    .await().atMost(WAIT);
            assertThat(loaded.isAllowed()).isTrue();
            long started = System.nanoTime();
            for (int i = 0; i < checks; i++) {
                AuthOutcome outcome = authenticator.checkCached(TestApiKeys.ADMIN, null, Workspaces.DEFAULT,
                        Permission.WRITE);
                sink += outcome.status();
            }
            long elapsed = System.nanoTime() - started;
            System.out.printf(Locale.ROOT, "AuthCheckBench round %d: %.0f ns per cached check (%d checks)%n",
                    round, (double) elapsed / checks, checks);
        }
        assertThat(sink).isPositive();
    }
}
