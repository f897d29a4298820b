package dev.vigil.console.automation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The toggle goes back only to a page of this console, never to another site. */
class SafeReturnTest {

    @Test
    void keepsLocalPathsAndRefusesOthers() {
        assertThat(AutomationsResource.safeReturn("/automations?tag=zoo", "/x")).isEqualTo("/automations?tag=zoo");
        assertThat(AutomationsResource.safeReturn("//evil.example/", "/x")).isEqualTo("/x");
        assertThat(AutomationsResource.safeReturn("https://evil.example/", "/x")).isEqualTo("/x");
        assertThat(AutomationsResource.safeReturn("/\\evil.example", "/x")).isEqualTo("/x");
        assertThat(AutomationsResource.safeReturn(null, "/x")).isEqualTo("/x");
    }
}
