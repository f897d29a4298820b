package dev.vigil.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.event.ResourceSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which label filters are asked as containment (the index's way) and which by value; the SQL of both. */
class LabelSqlTest {

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
}
