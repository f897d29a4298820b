package dev.vigil.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command-line flags, with defaults aimed at a system started by {@code bin/up}. */
record Options(String ingest, String evaluator, String actuator, String redis, String kafka, int automations,
               List<Integer> rates, Duration step, int resources, List<String> groups,
               int creationConcurrency, int creationBatch, int inFlight, Duration drain, long seed, int proactive,
               double silentShare, Duration window, int armRate, String runDir) {

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("ingest", "http://127.0.0.1:8081"),
            Map.entry("evaluator", "http://127.0.0.1:8082"),
            Map.entry("actuator", "http://127.0.0.1:8083"),
            Map.entry("redis", "redis://127.0.0.1:6379"),
            Map.entry("kafka", "127.0.0.1:9092"),
            Map.entry("automations", "1000"),
            Map.entry("rates", "1000,2000,5000,10000,20000"),
            Map.entry("step-seconds", "20"),
            Map.entry("resources", "10000"),
            Map.entry("groups", "reactive-triggers,actuator,event-persister"),
            Map.entry("creation-concurrency", "16"),
            Map.entry("creation-batch", "0"),
            Map.entry("in-flight", "64"),
            Map.entry("drain-seconds", "60"),
            Map.entry("seed", "42"),
            Map.entry("proactive", "100000"),
            Map.entry("silent-share", "0.1"),
            Map.entry("window-seconds", "60"),
            Map.entry("arm-rate", "1000"),
            // bin/up's runtime files (pid files, for CPU per process), relative to the repository root
            Map.entry("run-dir", ".run"));

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --flag value, got: " + flag);
            }
            String name = flag.substring(2);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; known: " + DEFAULTS.keySet());
            }
            values.put(name, args[++i]);
        }
        List<Integer> rates = new ArrayList<>();
        for (String rate : values.get("rates").split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        return new Options(values.get("ingest"), values.get("evaluator"), values.get("actuator"),
                values.get("redis"), values.get("kafka"), Integer.parseInt(values.get("automations")), rates,
                Duration.ofSeconds(Long.parseLong(values.get("step-seconds"))),
                Integer.parseInt(values.get("resources")), List.of(values.get("groups").split(",")), Integer.parseInt(values.get("creation-concurrency")),
                Integer.parseInt(values.get("creation-batch")),
                Integer.parseInt(values.get("in-flight")),
                Duration.ofSeconds(Long.parseLong(values.get("drain-seconds"))), Long.parseLong(values.get("seed")),
                Integer.parseInt(values.get("proactive")), Double.parseDouble(values.get("silent-share")),
                Duration.ofSeconds(Long.parseLong(values.get("window-seconds"))),
                Integer.parseInt(values.get("arm-rate")), values.get("run-dir"));
    }
}
