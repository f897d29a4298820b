package dev.vigil.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes of {@code k8s/base/ingress.yaml}, chosen the way ingress-nginx does with
 * {@code use-regex: "true"}: every path becomes {@code location ~* "^<path>"}, longest path first,
 * and the first match wins. Empty when the request would reach the controller's default backend.
 */
final class IngressRoutes {

    static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";

    private record Rule(String path, Pattern pattern, VigilService service) {
    }

    private final List<Rule> rules;

    private IngressRoutes(List<Rule> rules) {
        this.rules = rules;
    }

    /** From the parsed YAML of the Ingress; fails unless it is a regex ingress. */
    static IngressRoutes of(Map<String, Object> ingress) {
        Map<String, Object> metadata = YamlTree.map(ingress, "metadata");
        Map<String, Object> annotations = YamlTree.map(metadata, "annotations");
        if (!"true".equals(annotations.get(USE_REGEX))) {
            throw new IllegalArgumentException("the ingress paths are regexes, so " + USE_REGEX
                    + " must be \"true\", got " + annotations.get(USE_REGEX));
        }
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> rule : YamlTree.maps(YamlTree.map(ingress, "spec"), "rules")) {
            for (Map<String, Object> path : YamlTree.maps(YamlTree.map(rule, "http"), "paths")) {
                String regex = YamlTree.string(path, "path");
                String service = YamlTree.string(YamlTree.map(YamlTree.map(path, "backend"), "service"), "name");
                rules.add(new Rule(regex, Pattern.compile("^" + regex, Pattern.CASE_INSENSITIVE),
                        VigilService.byShortName(service)));
            }
        }
        rules.sort(Comparator.comparingInt((Rule r) -> r.path().length()).reversed());
        return new IngressRoutes(List.copyOf(rules));
    }

    Optional<VigilService> route(String path) {
        return rules.stream().filter(rule -> rule.pattern().matcher(path).find()).findFirst().map(Rule::service);
    }
}
