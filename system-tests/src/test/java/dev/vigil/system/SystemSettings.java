package dev.vigil.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the repository is and which infrastructure the services use. {@code bin/test} exports all
 * of it; a hand-run {@code mvn verify} falls back to the test infrastructure's defaults and to the
 * {@code vigil.repo.root} system property the pom passes.
 */
record SystemSettings(
        Path repoRoot,
        Path runDir,
        String dbUrl,
        String dbJdbcUrl,
        String dbUser,
        String dbPassword,
        String redisUrl,
        String kafkaBootstrap) {

    static final String LOOPBACK = "127.0.0.1";
    static final String REPO_ROOT_PROPERTY = "vigil.repo.root";
    /** What marks the repository root (the directory holding it). */
    private static final String ROOT_MARKER = "bin/gateway";
    private static final String DEFAULT_RUN_DIR = ".run-test";

    private static final String DEFAULT_DB_URL = "postgresql://127.0.0.1:5432/vigil_test";
    private static final String DEFAULT_DB_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/vigil_test";
    private static final String DEFAULT_DB_USER = "postgres";
    private static final String DEFAULT_DB_PASSWORD = "";
    private static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:16379/0";
    private static final String DEFAULT_KAFKA_BOOTSTRAP = "127.0.0.1:19092";

    static SystemSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path root = findRepoRoot(env);
        String runDir = env.get("VIGIL_TEST_RUN_DIR");
        return new SystemSettings(
                root,
                isBlank(runDir) ? root.resolve(DEFAULT_RUN_DIR) : Path.of(runDir).toAbsolutePath(),
                env.getOrDefault("VIGIL_DB_URL", DEFAULT_DB_URL),
                env.getOrDefault("VIGIL_DB_JDBC_URL", DEFAULT_DB_JDBC_URL),
                env.getOrDefault("VIGIL_DB_USER", DEFAULT_DB_USER),
                env.getOrDefault("VIGIL_DB_PASSWORD", DEFAULT_DB_PASSWORD),
                env.getOrDefault("VIGIL_REDIS_URL", DEFAULT_REDIS_URL),
                env.getOrDefault("VIGIL_KAFKA_BOOTSTRAP", DEFAULT_KAFKA_BOOTSTRAP));
    }

    /** Also used by the pure route tests, which need the repository but none of the infrastructure. */
    static Path findRepoRoot() {
        return findRepoRoot(System.getenv());
    }

    /** The directory of this test run's service logs, pid files and gateway. */
    Path systemDir() {
        return runDir.resolve("system");
    }

    /** {@code <repo>/<module>/target/quarkus-app/quarkus-run.jar}. */
    Path jarOf(VigilService service) {
        return repoRoot.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    Path gatewayScript() {
        return repoRoot.resolve(ROOT_MARKER);
    }

    /** The environment every service gets, apart from its own port and the peer URLs. */
    Map<String, String> infrastructureEnv() {
        return Map.of(
                "VIGIL_DB_URL", dbUrl,
                "VIGIL_DB_JDBC_URL", dbJdbcUrl,
                "VIGIL_DB_USER", dbUser,
                "VIGIL_DB_PASSWORD", dbPassword,
                "VIGIL_REDIS_URL", redisUrl,
                "VIGIL_KAFKA_BOOTSTRAP", kafkaBootstrap);
    }

    /**
     * VIGIL_REPO_ROOT, else the pom's property, else the working directory; walked up to the first
     * directory holding {@value #ROOT_MARKER}, so that running Maven inside system-tests/ works too.
     */
    private static Path findRepoRoot(Map<String, String> env) {
        String start = env.get("VIGIL_REPO_ROOT");
        if (isBlank(start)) {
            start = System.getProperty(REPO_ROOT_PROPERTY);
        }
        if (isBlank(start)) {
            start = System.getProperty("user.dir");
        }
        Path from = Path.of(start).toAbsolutePath().normalize();
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(ROOT_MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the Vigil repository (a directory with " + ROOT_MARKER
                + ") at or above " + from + "; set VIGIL_REPO_ROOT or -D" + REPO_ROOT_PROPERTY);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
