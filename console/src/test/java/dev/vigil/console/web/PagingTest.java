package dev.vigil.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void middlePageLinksBothWaysKeepingTheFilter() {
        Paging paging = Paging.of(2, 25, 60, "/automations?tag=zoo");
        assertThat(paging).isEqualTo(new Paging(2, 3, 60, 26, 50, "/automations?tag=zoo&page=1",
                "/automations?tag=zoo&page=3"));
    }

    @Test
    void anEmptyListIsOnePageWithoutLinks() {
        assertThat(Paging.of(1, 25, 0, "/automations")).isEqualTo(new Paging(1, 1, 0, 0, 0, "", ""));
    }
}
