package dev.vigil.console.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspacePrefixTest {

    private static final String ACCOUNT = "6a0e1f5c-0000-4000-8000-00000000acc1";
    private static final String WORKSPACE = "6a0e1f5c-0000-4000-8000-0000000000a1";

    @Test
    void noIdsIsTheDefaultWorkspace() {
        assertThat(SignInResource.workspacePrefix("", "")).isEmpty();
    }

    @Test
    void bothIdsAreTheCloudPrefix() {
        assertThat(SignInResource.workspacePrefix(ACCOUNT, WORKSPACE))
                .isEqualTo("/accounts/" + ACCOUNT + "/workspaces/" + WORKSPACE);
    }

    @Test
    void oneIdAloneOrANonUuidIsRefusedNamingTheField() {
        assertThatThrownBy(() -> SignInResource.workspacePrefix(ACCOUNT, "")).hasMessageContaining("give both");
        assertThatThrownBy(() -> SignInResource.workspacePrefix(ACCOUNT, "../../admin"))
                .hasMessageStartingWith("workspace_id");
    }
}
