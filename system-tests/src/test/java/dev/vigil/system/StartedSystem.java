package dev.vigil.system;

import dev.vigil.testsupport.auth.TestApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The three services and the gateway in front of them, started from the packaged jars. */
final class StartedSystem implements AutoCloseable {

    /**
     * From the first process start until every service must be ready. A service normally is within
     * 20 s; three JVMs starting at once on a loaded 2-CPU machine took 70 s.
     */
    /** {@code -Dvigil.system.ready-timeout=<seconds>} lengthens it on a box too loaded to start a service in 2 minutes. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("vigil.system.ready-timeout", 120));
    private static final String GATEWAY_DIR = "gateway";

    private final Path logDir;
    /** Concurrent: the shutdown hook may stop the system while it is still starting. */
    private final Map<VigilService, ServiceProcess> services = new ConcurrentHashMap<>();
    /** Further processes of some services ({@link #addReplica}), stopped at close unless the test stopped them. */
    private final Set<ServiceProcess> replicas = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lastReplica = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Stops the processes even when the JVM ends without JUnit closing this (Ctrl-C, a failsafe timeout). */
    private final Thread shutdownHook = new Thread(this::close, "vigil-system-stop");
    private volatile GatewayProcess gateway;
    /** Where the services export their spans: tracing is on in the system tests, every trace sampled. */
    private final OtlpReceiver otlp = OtlpReceiver.start();

    private StartedSystem(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts everything or, when any part fails, stops what did start and throws. */
    static StartedSystem start(SystemSettings settings) {
        requireJars(settings);
        Path dir = settings.systemDir();
        createDirectories(dir);
        StartedSystem system = new StartedSystem(dir);
        try {
            system.startAll(settings);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    String gatewayUrl() {
        return gateway.url();
    }

    String serviceUrl(VigilService service) {
        return services.get(service).baseUrl();
    }

    ServiceProcess process(VigilService service) {
        return services.get(service);
    }

    /** kill -9 of the service; it stays down until {@link #restart}. */
    void kill(VigilService service) {
        services.get(service).kill();
    }

    /** Starts the service again (after {@link #kill}) and waits until it is ready. */
    void restart(VigilService service) {
        ServiceProcess restarted = services.get(service).restart();
        services.put(service, restarted);
        restarted.awaitReady(Instant.now().plus(READY_TIMEOUT));
    }

    /**
     * Starts one more process of the service, with the same configuration (so in the same consumer groups) and a
     * port of its own, and waits until it is ready. The gateway does not route to it.
     */
    ServiceProcess addReplica(VigilService service) {
        ServiceProcess replica = services.get(service).replica(lastReplica.incrementAndGet(),
                FreePorts.allocate(1).get(0));
        replicas.add(replica);
        replica.awaitReady(Instant.now().plus(READY_TIMEOUT));
        return replica;
    }

    /** Starts a killed replica again on its port and waits until it is ready. */
    ServiceProcess restartReplica(ServiceProcess killed) {
        ServiceProcess restarted = killed.restart();
        replicas.remove(killed);
        replicas.add(restarted);
        restarted.awaitReady(Instant.now().plus(READY_TIMEOUT));
        return restarted;
    }

    /** SIGTERM to a replica, as a scale-down: it leaves its consumer groups and drains. */
    void stopReplica(ServiceProcess replica) {
        replica.stop();
        replicas.remove(replica);
    }

    /** Where the service logs (and the gateway's directory) are, for failure messages. */
    Path logDir() {
        return logDir;
    }

    /** Span exports the services made so far. */
    long spanExports() {
        return otlp.exports();
    }

    /** Gateway first, so no request reaches a stopping service; then every service. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        List<RuntimeException> failures = new ArrayList<>();
        if (gateway != null) {
            runCollecting(gateway::stop, failures);
        }
        replicas.forEach(replica -> runCollecting(replica::requestStop, failures));
        services.values().forEach(service -> runCollecting(service::requestStop, failures));
        replicas.forEach(replica -> runCollecting(replica::stop, failures));
        services.values().forEach(service -> runCollecting(service::stop, failures));
        runCollecting(otlp::close, failures);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("stopping the Vigil system failed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void startAll(SystemSettings settings) {
        Iterator<Integer> ports = FreePorts.allocate(VigilService.values().length + 1).iterator();
        int gatewayPort = ports.next();
        Map<VigilService, Integer> servicePorts = new EnumMap<>(VigilService.class);
        for (VigilService service : VigilService.values()) {
            servicePorts.put(service, ports.next());
        }
        Map<String, String> env = commonEnv(settings, gatewayPort, servicePorts);
        env.put("VIGIL_OTLP_ENDPOINT", otlp.endpoint());
        // The production default: the other system tests' load is traced as in production; TracingIT's event
        // carries a sampled traceparent, which the parent-based sampler always follows.
        env.put("VIGIL_TRACE_SAMPLER_RATIO", "0.1");
        for (VigilService service : VigilService.values()) {
            Map<String, String> own = new HashMap<>(env);
            own.put(ServiceProcess.HTTP_PORT, servicePorts.get(service).toString());
            services.put(service, ServiceProcess.start(service, settings.jarOf(service), servicePorts.get(service),
                    own, logDir));
        }
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        services.values().forEach(service -> service.awaitReady(deadline));
        Map<VigilService, String> upstreams = new EnumMap<>(VigilService.class);
        services.forEach((service, process) -> upstreams.put(service, process.hostPort()));
        gateway = GatewayProcess.start(settings.gatewayScript(), logDir.resolve(GATEWAY_DIR), gatewayPort, upstreams);
    }

    /** A fixed key for block secrets, for these throwaway systems only. */
    private static final String SYSTEM_TEST_SECRETS_KEY = "c3lzdGVtLXRlc3RzLW9ubHkta2V5LWZvci12aWdpbCE=";

    /** Everything but the port; CORS stays unset (closed), as in production by default. */
    /** Far above any system test's firing rate, so only the loop test's causal depth stops a loop. */
    private static final int SYSTEM_TEST_MAX_FIRINGS_PER_MINUTE = 1_000_000;

    private static Map<String, String> commonEnv(SystemSettings settings, int gatewayPort,
                                                 Map<VigilService, Integer> servicePorts) {
        Map<String, String> env = new HashMap<>(settings.infrastructureEnv());
        env.put("QUARKUS_HTTP_HOST", SystemSettings.LOOPBACK);
        env.put("VIGIL_PUBLIC_URL", "http://" + SystemSettings.LOOPBACK + ":" + gatewayPort);
        env.put("VIGIL_BOOTSTRAP_ADMIN_KEY", TestApiKeys.ADMIN);
        env.put("VIGIL_SERVICE_KEY", TestApiKeys.SERVICE);
        // Every webhook receiver of the system tests listens on the loopback address, which production refuses.
        env.put("VIGIL_EGRESS_ALLOW", SystemSettings.LOOPBACK + "/32");
        env.put("VIGIL_SECRETS_KEY", SYSTEM_TEST_SECRETS_KEY);
        servicePorts.forEach((service, port) ->
                env.put(service.urlVariable(), "http://" + SystemSettings.LOOPBACK + ":" + port));
        // The loop guard's chain over webhook calls (actuator to ingest); LoopGuardIT's webhook loop posts to
        // the workspace's own hook through the gateway, which the loopback allowance above lets through.
        env.put("VIGIL_LOOP_GUARD_SECRET", "system-test-loop-guard-secret-0123456789");
        // ChaosIT's steady load fires its one-call-per-event automation 3,000 times a minute, which the storm
        // brake's default (600) would pause; LoopGuardIT stops its loops by causal depth, not by the brake.
        env.put("VIGIL_EVALUATOR_MAX_FIRINGS_PER_MINUTE", String.valueOf(SYSTEM_TEST_MAX_FIRINGS_PER_MINUTE));
        if (ConsoleRenderBenchIT.enabled()) {
            // The console benchmark seeds one workspace far past the quotas (10k automations, 100k events).
            env.put("VIGIL_LIMITS_AUTOMATIONS_PER_WORKSPACE", "0");
            env.put("VIGIL_LIMITS_EVENTS_PER_SECOND", "0");
            env.put("VIGIL_LIMITS_API_REQUESTS_PER_SECOND", "0");
        }
        return env;
    }

    private static void requireJars(SystemSettings settings) {
        List<String> missing = new ArrayList<>();
        for (VigilService service : VigilService.values()) {
            Path jar = settings.jarOf(service);
            if (!Files.isRegularFile(jar)) {
                missing.add(jar.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The packaged services are missing: " + String.join(", ", missing)
                    + ". Run 'mvn -B -DskipTests package' (or bin/test) first: the system tests start the"
                    + " quarkus-run.jar of every service.");
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself, or while the JVM exits: nothing to remove.
        }
    }

    private static void runCollecting(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
