package dev.vigil.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSpecificationTest {

    private static Resource resource(String id) {
        return new Resource(Map.of(Resource.ID, id, "tier", "gold"));
    }

    @Test
    void emptySpecificationMatchesEverything() {
        assertThat(ResourceSpecification.EMPTY.matches(resource("anything"))).isTrue();
    }

    @Test
    void trailingWildcardMatchesPrefix() {
        var spec = new ResourceSpecification(Map.of(Resource.ID, "my.resource.*"));
        assertThat(spec.matches(resource("my.resource.1"))).isTrue();
        assertThat(spec.matches(resource("other.resource.1"))).isFalse();
    }

    @Test
    void globIsFullStringAndCaseSensitive() {
        var spec = new ResourceSpecification(Map.of(Resource.ID, "a?c[0-9]"));
        assertThat(spec.matches(resource("abc7"))).isTrue();
        assertThat(spec.matches(resource("abc7x"))).isFalse();
        assertThat(spec.matches(resource("ABC7"))).isFalse();
    }

    @Test
    void missingLabelNeverMatchesEvenNegated() {
        var spec = new ResourceSpecification(Map.of("region", "!eu-*"));
        assertThat(spec.matches(resource("x"))).isFalse();
    }

    @Test
    void negatedPatternRejectsItsMatches() {
        var spec = new ResourceSpecification(Map.of("tier", "!gold"));
        assertThat(spec.matches(resource("x"))).isFalse();
        assertThat(spec.matches(new Resource(Map.of(Resource.ID, "x", "tier", "silver")))).isTrue();
    }

    @Test
    void listOfNegationsRejectsEveryNegatedValue() {
        var spec = new ResourceSpecification(Map.of("tier", List.of("!gold", "!silver")));
        assertThat(spec.matches(resource("x"))).isFalse();
        assertThat(spec.matches(new Resource(Map.of(Resource.ID, "x", "tier", "silver")))).isFalse();
        assertThat(spec.matches(new Resource(Map.of(Resource.ID, "x", "tier", "bronze")))).isTrue();
    }

    @Test
    void listNeedsOnePositiveAndNoNegative() {
        var spec = new ResourceSpecification(Map.of(Resource.ID, List.of("app.*", "!app.test.*")));
        assertThat(spec.matches(resource("app.prod.1"))).isTrue();
        assertThat(spec.matches(resource("app.test.1"))).isFalse();
        assertThat(spec.matches(resource("db.prod.1"))).isFalse();
    }
}
