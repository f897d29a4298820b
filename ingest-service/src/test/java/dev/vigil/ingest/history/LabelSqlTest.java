package dev.vigil.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ResourceSpecification;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which label filters are asked by containment (the GIN index's way), by {@code resource_id} or by value; which the
 * label rows of {@code ingest.event_labels} hold and when they answer a filter alone; the SQL of each.
 */
class LabelSqlTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final EventFilter.Occurred DAY = new EventFilter.Occurred(
            OffsetDateTime.parse("2026-12-06T00:00:00Z"), OffsetDateTime.parse("2026-12-07T00:00:00Z"));
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void literalValuesOfThePrimaryResourceAreContainmentWithTheirJsonEscaped() {
        SqlParams params = new SqlParams();
        String sql = LabelSql.primaryCondition(new ResourceSpecification(Map.of("team", "r\"ed")), params);
        assertThat(sql).isEqualTo("((e.resource @> $1::text::jsonb))");
        assertThat(params.tuple().getValue(0)).isEqualTo("{\"team\":\"r\\\"ed\"}");
    }

    @Test
    void severalLiteralValuesAreOneContainmentEachAndNegationsStayTests() {
        SqlParams params = new SqlParams();
        String sql = LabelSql.primaryCondition(new ResourceSpecification(Map.of("team", List.of("a", "b", "!c*"))),
                params);
        assertThat(sql).isEqualTo("((e.resource @> $1::text::jsonb OR e.resource @> $2::text::jsonb)"
                + " AND NOT ((e.resource ->> $3) ~ $4))");
        assertThat(params.tuple().getValue(3)).isEqualTo("^c.*$");
    }

    @Test
    void theLabelRowsHoldLiteralsWithinTheCapButNotTheResourceId() {
        assertThat(EventLabelSql.indexed("team", List.of("short", "!a-long-negation"), 8)).isTrue();
        assertThat(EventLabelSql.indexed("team", List.of("short", "r\"ed-long"), 8)).isFalse();
        assertThat(EventLabelSql.indexed("a-long-label", List.of("short"), 8)).isFalse();
        assertThat(EventLabelSql.indexed("prefect.resource.id", List.of("a"), 8)).isFalse();
        assertThat(EventLabelSql.indexed("team", List.of("a", "b*"), 8)).isFalse();
        assertThat(EventLabelSql.indexed("team", List.of("!a"), 8)).isFalse();
    }

    @Test
    void theResourceIdLabelIsTheResourceIdColumn() {
        SqlParams params = new SqlParams();
        assertThat(LabelSql.primaryCondition(new ResourceSpecification(Map.of("prefect.resource.id", "a.1")), params))
                .isEqualTo("((e.resource_id = ANY($1::text[])))");
    }

    @Test
    void aGlobOrOnlyNegationsAreTestedByValue() {
        assertThat(LabelSql.literalPositives(List.of("a", "b*"))).isFalse();
        assertThat(LabelSql.literalPositives(List.of("!a"))).isFalse();
        assertThat(LabelSql.literalPositives(List.of())).isFalse();
        assertThat(LabelSql.literalPositives(List.of("a", "!b"))).isTrue();
        SqlParams params = new SqlParams();
        assertThat(LabelSql.primaryCondition(new ResourceSpecification(Map.of("team", "red*")), params))
                .isEqualTo("((e.resource ->> $1) IS NOT NULL AND ((e.resource ->> $1) ~ $2))");
    }

    @Test
    void relatedResourcesAreAlwaysTestedByValue() {
        SqlParams params = new SqlParams();
        assertThat(LabelSql.condition(new ResourceSpecification(Map.of("tier", "gold")), "r.v", params))
                .isEqualTo("((r.v ->> $1) IS NOT NULL AND ((r.v ->> $1) = $2))");
    }

    private static EventFilter filter(String json) throws Exception {
        return JSON.readValue(json, EventFilter.class).withOccurred(DAY);
    }

    @Test
    void theLabelRowsAnswerAFilterOfOnlyAWindowAndLiteralLabels() throws Exception {
        assertThat(EventLabelSql.answersAlone(filter("{\"resource\": {\"labels\": {\"team\": \"bench\"}}}"), 8))
                .isTrue();
        assertThat(EventLabelSql.answersAlone(filter("{\"resource\": {\"labels\": {\"team\": [\"a\", \"b\"], "
                + "\"env\": \"prod\"}}}"), 8)).isTrue();
        for (String other : List.of("{\"resource\": {\"labels\": {\"team\": [\"a\", \"!b\"]}}}",
                "{\"resource\": {\"labels\": {\"team\": \"a*\"}}}",
                "{\"resource\": {\"labels\": {\"team\": \"longer-than-8\"}}}",
                "{\"resource\": {\"labels\": {\"prefect.resource.id\": \"a\"}}}",
                "{\"resource\": {\"labels\": {}}}", "{}",
                "{\"resource\": {\"id_prefix\": [\"a\"], \"labels\": {\"team\": \"a\"}}}",
                "{\"resource\": {\"distinct\": true, \"labels\": {\"team\": \"a\"}}}",
                "{\"event\": {\"prefix\": []}, \"resource\": {\"labels\": {\"team\": \"a\"}}}",
                "{\"text\": {\"query\": \"a\"}, \"resource\": {\"labels\": {\"team\": \"a\"}}}",
                "{\"id\": {\"id\": []}, \"resource\": {\"labels\": {\"team\": \"a\"}}}",
                "{\"related\": {\"role\": [\"a\"]}, \"resource\": {\"labels\": {\"team\": \"a\"}}}",
                "{\"any_resource\": {\"id\": [\"a\"]}, \"resource\": {\"labels\": {\"team\": \"a\"}}}")) {
            assertThat(EventLabelSql.answersAlone(filter(other), 8)).as(other).isFalse();
        }
    }

    @Test
    void theRowsOfSeveralLabelsAreTheFirstLabelsRowsWithAKeyLookupOfEachOther() throws Exception {
        SqlParams params = new SqlParams();
        String sql = EventLabelSql.rows(WORKSPACE, filter("{\"resource\": {\"labels\": {\"team\": \"a\", "
                + "\"env\": [\"p\", \"q\"]}}}"), params);
        assertThat(sql).isEqualTo("ingest.event_labels e WHERE e.workspace_id = $1 AND e.label = $2"
                + " AND e.value = $3 AND e.occurred >= $4 AND e.occurred <= $5 AND EXISTS (SELECT 1 FROM"
                + " ingest.event_labels y WHERE y.workspace_id = e.workspace_id AND y.label = $6 AND y.value ="
                + " ANY($7::text[]) AND y.occurred = e.occurred AND y.event_id = e.event_id)");
        assertThat(params.tuple().getValue(2)).isEqualTo("a");
    }

    @Test
    void aLabelWithOneValueLeadsSoItsRowsComeInTimeOrder() throws Exception {
        SqlParams params = new SqlParams();
        String sql = EventLabelSql.rows(WORKSPACE, filter("{\"resource\": {\"labels\": {\"env\": [\"p\", \"q\"], "
                + "\"team\": [\"a\", \"a\"]}}}"), params);
        assertThat(sql).startsWith("ingest.event_labels e WHERE e.workspace_id = $1 AND e.label = $2"
                + " AND e.value = $3 AND");
        assertThat(params.tuple().getValue(1)).isEqualTo("team");
        assertThat(sql).contains("y.label = $6 AND y.value = ANY($7::text[])");
        assertThat(params.tuple().getValue(5)).isEqualTo("env");
    }
}
