package dev.vigil.system;

import java.util.Arrays;
import java.util.List;

/** The three Vigil services and the web console, as Maven modules and as gateway upstreams. */
public enum VigilService {

    INGEST("ingest-service", "ingest", true),
    EVALUATOR("evaluator-service", "evaluator", true),
    ACTUATOR("actuator-service", "actuator", true),
    /** Server-rendered pages; no API of its own (it calls the three services). */
    CONSOLE("console", "console", false);

    private final String module;
    private final String shortName;
    private final boolean api;

    VigilService(String module, String shortName, boolean api) {
        this.module = module;
        this.shortName = shortName;
        this.api = api;
    }

    /** The three services that serve {@code /api} (everything but the console). */
    public static List<VigilService> apiServices() {
        return Arrays.stream(values()).filter(service -> service.api).toList();
    }

    /** The Maven module, also the name of the service's log file. */
    public String module() {
        return module;
    }

    /** {@code ingest}, {@code evaluator}, {@code actuator}: the gateway option and the k8s/compose service name. */
    public String shortName() {
        return shortName;
    }

    /** The variable through which the services find this one: {@code VIGIL_INGEST_URL}, ... */
    String urlVariable() {
        return "VIGIL_" + name() + "_URL";
    }

    /** The {@code bin/gateway start} option naming this upstream: {@code --ingest}, ... */
    String gatewayOption() {
        return "--" + shortName;
    }

    /** The one whose short name (gateway upstream, k8s Service, compose service) this is. */
    public static VigilService byShortName(String shortName) {
        for (VigilService service : values()) {
            if (service.shortName.equals(shortName)) {
                return service;
            }
        }
        throw new IllegalArgumentException("not a Vigil service: " + shortName);
    }
}
