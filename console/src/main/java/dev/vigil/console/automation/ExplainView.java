package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The answer of {@code POST /automations/{id}/explain}, clause by clause, for the detail page. */
public record ExplainView(String eventName, String outcome, boolean enabled, boolean alreadySeen,
                          List<TriggerVerdict> triggers, List<TreeNode> tree) {

    /**
     * One entry of a compound or sequence automation's verdict tree, flattened in document order for the
     * page's nested lists: {@code start} opens a composite (its children follow, then its {@code end}),
     * {@code leaf} is an event trigger's verdict (its clauses are in its table, {@code triggerId} links there).
     */
    public record TreeNode(String kind, String label, String triggerId, String outcome, String reason) {

        public boolean start() {
            return "start".equals(kind);
        }

        public boolean end() {
            return "end".equals(kind);
        }
    }

    /** One event trigger's verdict: each clause with whether it passed, then the outcome and its reason. */
    public record TriggerVerdict(String triggerId, String outcome, String reason, List<Clause> clauses) {
    }

    /** One clause: {@code expect}, {@code after}, a {@code match} label or a {@code match_related} specification. */
    public record Clause(String name, String wanted, String seen, boolean pass) {
    }

    public static ExplainView of(JsonNode reply) {
        List<TriggerVerdict> triggers = new ArrayList<>();
        for (JsonNode verdict : reply.path("triggers")) {
            List<Clause> clauses = new ArrayList<>();
            JsonNode expect = verdict.path("expect");
            clauses.add(new Clause("expect", text(expect.path("patterns"), "any event"),
                    expect.path("matched").isTextual() ? "matched " + expect.path("matched").asText() : "no match",
                    expect.path("pass").asBoolean()));
            JsonNode after = verdict.path("after");
            if (after.path("patterns").size() > 0) {
                clauses.add(new Clause("after", text(after.path("patterns"), ""),
                        after.path("matched").isTextual() ? "matched " + after.path("matched").asText() : "no match",
                        after.path("matched").isTextual()));
            }
            for (JsonNode label : verdict.path("match")) {
                clauses.add(new Clause("match " + label.path("label").asText(), text(label.path("patterns"), ""),
                        text(label.path("values_seen"), "no value"), label.path("pass").asBoolean()));
            }
            for (JsonNode related : verdict.path("match_related")) {
                clauses.add(new Clause("match_related", related.path("specification").toString(),
                        related.path("pass").asBoolean() ? "a related resource matches" : "no related resource matches",
                        related.path("pass").asBoolean()));
            }
            triggers.add(new TriggerVerdict(verdict.path("trigger_id").asText(), verdict.path("outcome").asText(),
                    verdict.path("reason").asText(), clauses));
        }
        List<TreeNode> tree = new ArrayList<>();
        if (reply.path("composite").isObject()) {
            flatten(reply.path("composite"), tree);
        }
        return new ExplainView(reply.path("event").asText(), reply.path("outcome").asText(),
                reply.path("enabled").asBoolean(true), reply.path("already_seen").asBoolean(), triggers, tree);
    }

    private static void flatten(JsonNode node, List<TreeNode> tree) {
        String id = node.path("trigger_id").asText();
        if (node.has("children")) {
            tree.add(new TreeNode("start", compositeLabel(node), id, node.path("outcome").asText(),
                    node.path("reason").asText("")));
            node.path("children").forEach(child -> flatten(child, tree));
            tree.add(new TreeNode("end", "", id, "", ""));
        } else {
            String expect = text(node.path("expect").path("patterns"), "any event");
            tree.add(new TreeNode("leaf", "event trigger on " + expect, id, node.path("outcome").asText(),
                    node.path("reason").asText("")));
        }
    }

    private static String compositeLabel(JsonNode node) {
        StringBuilder label = new StringBuilder();
        int children = node.path("children").size();
        if ("sequence".equals(node.path("type").asText())) {
            label.append("sequence of ").append(children).append(" in order");
        } else {
            label.append("compound: ").append(node.path("required").asInt(children)).append(" of ").append(children)
                    .append(" (require ").append(node.path("require").asText("any")).append(')');
        }
        if (node.path("within").isNumber()) {
            label.append(", within ").append(node.path("within").asLong()).append(" s");
        }
        int held = node.path("held_after").size();
        if (held > 0) {
            label.append(", ").append(held).append(" child firing").append(held == 1 ? "" : "s").append(" held");
        }
        return label.toString();
    }

    private static String text(JsonNode value, String empty) {
        if (value.isTextual()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        value.forEach(item -> parts.add(item.asText()));
        return parts.isEmpty() ? empty : String.join(" or ", parts);
    }
}
