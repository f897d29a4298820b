package dev.vigil.evaluator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AutomationVersionTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 7, 20, 0, 0, 123_456_000, ZoneOffset.UTC);

    @Test
    void theTagIsTheUpdatedTimeInMicroseconds() {
        assertThat(AutomationVersion.etag(T)).isEqualTo("\"" + (T.toEpochSecond() * 1_000_000 + 123_456) + "\"");
        assertThat(AutomationVersion.etag(T.withOffsetSameInstant(ZoneOffset.ofHours(2))))
                .isEqualTo(AutomationVersion.etag(T));
    }

    @Test
    void ifMatchAdmitsTheSameTagAListOrAnyButNotAWeakOrOtherTag() {
        String tag = AutomationVersion.etag(T);
        assertThat(AutomationVersion.admits(null, T)).isTrue();
        assertThat(AutomationVersion.admits(" ", T)).isTrue();
        assertThat(AutomationVersion.admits(tag, T)).isTrue();
        assertThat(AutomationVersion.admits("\"1\" , " + tag, T)).isTrue();
        assertThat(AutomationVersion.admits("*", T)).isTrue();
        assertThat(AutomationVersion.admits("W/" + tag, T)).isFalse();
        assertThat(AutomationVersion.admits("\"1\"", T)).isFalse();
        assertThat(AutomationVersion.admits(tag.replace("\"", ""), T)).isFalse();
        assertThat(AutomationVersion.admits(tag, T.plusNanos(1_000))).isFalse();
    }

    @Test
    void aChangeIsStampedAfterThePreviousVersionEvenWhenTheClockIsNotLater() {
        assertThat(AutomationVersion.after(T, T.plusSeconds(1))).isEqualTo(T.plusSeconds(1));
        assertThat(AutomationVersion.after(T, T)).isEqualTo(T.plusNanos(1_000));
        assertThat(AutomationVersion.after(T, T.minusSeconds(5))).isEqualTo(T.plusNanos(1_000));
        assertThat(AutomationVersion.after(null, T)).isEqualTo(T);
    }
}
