package io.prmsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PagerTest {

    @Test
    void thePagesAroundKeepEveryFilterTheAdminChose() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/runs");
        request.setQueryString("flow=partner-accounts&direction=inbound&page=2");

        Pager pager = Pager.of(request, 2, 25, 25);

        assertThat(pager.previous()).isEqualTo("/console/runs?flow=partner-accounts&direction=inbound&page=1");
        assertThat(pager.next()).isEqualTo("/console/runs?flow=partner-accounts&direction=inbound&page=3");
    }

    @Test
    void theFirstPageHasNoPreviousAndAPageNotFullHasNoNext() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/partners");
        request.setQueryString("q=acme%20%26%20sons");

        Pager pager = Pager.of(request, 0, 7, 25);

        assertThat(pager.previous()).isNull();
        assertThat(pager.next()).isNull();
        assertThat(Pager.of(request, 0, 25, 25).next()).isEqualTo("/console/partners?q=acme%20%26%20sons&page=1");
    }
}
