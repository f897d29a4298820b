package dev.vigil.system;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The running Vigil system for the tests of this JVM: {@code @ExtendWith(VigilSystem.class)} on a
 * test class, then {@link #gatewayUrl()} and {@link #serviceUrl(VigilService)}.
 *
 * <p>The first class that needs it starts the three packaged services (free ports, real
 * PostgreSQL/Redis/Kafka, CORS unset) and the nginx gateway in front of them; every later class
 * reuses them. They are stopped when JUnit closes its root store at the end of the run (or, failing
 * that, by a JVM shutdown hook). A failed start is remembered: later classes fail at once with the
 * same cause instead of waiting for another start.
 */
public final class VigilSystem implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VigilSystem.class);
    private static final String STARTUP_KEY = "startup";

    private static volatile StartedSystem current;

    @Override
    public void beforeAll(ExtensionContext context) {
        Startup startup = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(STARTUP_KEY, key -> Startup.attempt(), Startup.class);
        current = startup.system();
    }

    /** {@code http://127.0.0.1:<port>} of the nginx gateway: the way clients reach Vigil. */
    public static String gatewayUrl() {
        return started().gatewayUrl();
    }

    /** {@code http://127.0.0.1:<port>} of one service, bypassing the gateway. */
    public static String serviceUrl(VigilService service) {
        return started().serviceUrl(service);
    }

    /** Whether the service process this run started is still the one running (no crash, no restart). */
    public static boolean isAlive(VigilService service) {
        return started().process(service).isAlive();
    }

    /** kill -9 of a service, as a crash; see {@link #restart}. */
    public static void kill(VigilService service) {
        started().kill(service);
    }

    /** Starts a killed service again on the same port and waits until it is ready. */
    public static void restart(VigilService service) {
        started().restart(service);
    }

    /**
     * One more process of the service (same configuration and consumer groups, a port of its own), ready; the
     * gateway does not route to it. Kill it with {@link ServiceProcess#kill()}, start it again with
     * {@link #restartReplica}, and stop it with {@link #stopReplica} (or it is stopped with the system).
     */
    static ServiceProcess addReplica(VigilService service) {
        return started().addReplica(service);
    }

    /** Starts a killed replica again on its port; answers the new process once it is ready. */
    static ServiceProcess restartReplica(ServiceProcess killed) {
        return started().restartReplica(killed);
    }

    /** Stops a replica gracefully (SIGTERM), as a scale-down. */
    static void stopReplica(ServiceProcess replica) {
        started().stopReplica(replica);
    }

    /** The resident memory of the service process, in bytes. */
    public static long residentBytes(VigilService service) {
        return started().process(service).residentBytes();
    }

    /** The directory with every service's log and the gateway's files, to point at in failure messages. */
    public static Path logDir() {
        return started().logDir();
    }

    /** Span exports the services sent to the system's stand-in OTLP receiver so far. */
    public static long spanExports() {
        return started().spanExports();
    }

    private static StartedSystem started() {
        StartedSystem system = current;
        if (system == null) {
            throw new IllegalStateException("The Vigil system is not started: annotate the test class with"
                    + " @ExtendWith(VigilSystem.class)");
        }
        return system;
    }

    /** The one start attempt of this JVM: the system, or why it did not start. Closed by JUnit at the end. */
    private record Startup(StartedSystem system, RuntimeException failure) implements AutoCloseable {

        static Startup attempt() {
            try {
                return new Startup(StartedSystem.start(SystemSettings.fromEnvironment()), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        @Override
        public StartedSystem system() {
            if (failure != null) {
                throw new IllegalStateException("The Vigil system could not be started: " + failure.getMessage(),
                        failure);
            }
            return system;
        }

        @Override
        public void close() {
            if (system != null) {
                system.close();
            }
        }
    }
}
