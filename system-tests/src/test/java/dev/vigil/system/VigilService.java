package dev.vigil.system;

/** The three Vigil services, as Maven modules and as gateway upstreams. */
public enum VigilService {

    INGEST("ingest-service", "ingest"),
    EVALUATOR("evaluator-service", "evaluator"),
    ACTUATOR("actuator-service", "actuator");

    private final String module;
    private final String shortName;

    VigilService(String module, String shortName) {
        this.module = module;
        this.shortName = shortName;
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
