package io.prmsync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console is as strict as the API: every console URL the application maps (read from its request mappings, so a
 * page added later is walked too) refuses a stranger, every POST needs the session's CSRF token, every response
 * carries the security headers, and no page ever shows the admin token.
 */
@AutoConfigureMockMvc
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-security;DB_CLOSE_DELAY=-1",
            "prm-sync.admin.tokens=" + ConsoleSecurityIT.TOKEN,
            "prm-sync.admin.basic-username=" + ConsoleSecurityIT.USER,
            "prm-sync.admin.basic-password=" + ConsoleSecurityIT.PASSWORD,
            // As behind a TLS-terminating proxy (README): the request's scheme is the one the proxy says.
            "server.forward-headers-strategy=native",
            "prm-sync.schedule.first-run-delay=3600000"
        })
class ConsoleSecurityIT {

    static final String TOKEN = "console-token-4f1c9a77d2";
    static final String USER = "partner-ops";
    static final String PASSWORD = "console-password-93be1f07";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestRestTemplate redirectFollowing;

    TestRestTemplate http;

    @BeforeEach
    void seeRedirectsAsTheyAre() {
        http = redirectFollowing.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(RequestMethod method, String path) {}

    /** Every console endpoint, path variables filled with a plausible value. */
    List<Endpoint> consoleEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.equals("/console") && !pattern.startsWith("/console/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "1");
                info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(new Endpoint(method, path)));
            }
        }
        assertThat(endpoints).extracting(Endpoint::path).contains("/console", "/console/login");
        return endpoints;
    }

    private MockHttpSession loggedIn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String csrf = csrfOf(session);
        MockHttpServletResponse response = mvc.perform(post("/console/login")
                        .session(session)
                        .param("token", TOKEN)
                        .param("_csrf", csrf))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/console");
        return session;
    }

    private String csrfOf(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/console/login").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    }

    private static void assertSecurityHeaders(MockHttpServletResponse response, String what) {
        assertThat(response.getHeader("Content-Security-Policy"))
                .as(what)
                .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none';"
                        + " form-action 'self'; base-uri 'none'");
        assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.getHeader("Referrer-Policy")).as(what).isEqualTo("no-referrer");
    }

    @Nested
    class AStranger {

        @Test
        void isSentToTheLoginFormFromEveryPageAndRefusedEveryPost() throws Exception {
            for (Endpoint endpoint : consoleEndpoints()) {
                if (endpoint.path().equals("/console/login")) {
                    continue;
                }
                MockHttpServletResponse response = mvc.perform(
                                endpoint.method() == RequestMethod.GET
                                        ? get(endpoint.path())
                                        : post(endpoint.path()).param("_csrf", "x"))
                        .andReturn()
                        .getResponse();
                assertSecurityHeaders(response, endpoint.toString());
                if (endpoint.method() == RequestMethod.GET) {
                    assertThat(response.getStatus()).as(endpoint.toString()).isEqualTo(302);
                    assertThat(response.getRedirectedUrl())
                            .as(endpoint.toString())
                            .isEqualTo("/console/login");
                } else {
                    assertThat(response.getStatus()).as(endpoint.toString()).isEqualTo(403);
                }
            }
        }

        @Test
        void getsThroughTheApiFilterOnlyToTheConsolesOwnGate() {
            ResponseEntity<String> page = http.getForEntity("/console/partners", String.class);
            assertThat(page.getStatusCode().value()).isEqualTo(302);
            assertThat(page.getHeaders().getLocation()).hasPath("/console/login");
            assertThat(http.getForEntity("/api/sync/status", String.class)
                            .getStatusCode()
                            .value())
                    .isEqualTo(401);
        }

        @Test
        void isRefusedWithAWrongTokenAndThrottledAfterRepeatedFailures() throws Exception {
            MockHttpSession session = new MockHttpSession();
            String csrf = csrfOf(session);
            int status = 0;
            for (int i = 0; i <= LoginThrottle.MAX_FAILURES; i++) {
                MockHttpServletResponse response = mvc.perform(post("/console/login")
                                .session(session)
                                .with(request -> {
                                    request.setRemoteAddr("10.9.8.7");
                                    return request;
                                })
                                .param("token", "wrong-" + i)
                                .param("_csrf", csrf))
                        .andReturn()
                        .getResponse();
                status = response.getStatus();
                if (i < LoginThrottle.MAX_FAILURES) {
                    assertThat(status).isEqualTo(401);
                    assertThat(ConsoleSessionProbe.isLoggedIn(session)).isFalse();
                }
            }
            assertThat(status).isEqualTo(429);
        }

        @Test
        void cannotLogInWithoutTheLoginFormsCsrfToken() throws Exception {
            MockHttpSession session = new MockHttpSession();
            csrfOf(session);
            assertThat(mvc.perform(post("/console/login").session(session).param("token", TOKEN))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(403);
            assertThat(ConsoleSessionProbe.isLoggedIn(session)).isFalse();
        }

        @Test
        void loadsTheLoginFormAndItsAssetsWithTheSecurityHeaders() throws Exception {
            for (String path : List.of("/console/login", "/console/assets/console.css", "/console/assets/console.js")) {
                MockHttpServletResponse response =
                        mvc.perform(get(path)).andReturn().getResponse();
                assertThat(response.getStatus()).as(path).isEqualTo(200);
                assertSecurityHeaders(response, path);
            }
        }
    }

    @Nested
    class AnAdmin {

        @Test
        void getsEveryPageWithTheSecurityHeadersAndNeverTheToken() throws Exception {
            MockHttpSession session = loggedIn();
            for (Endpoint endpoint : consoleEndpoints()) {
                if (endpoint.method() != RequestMethod.GET || endpoint.path().equals("/console/login")) {
                    continue;
                }
                MockHttpServletResponse response = mvc.perform(
                                get(endpoint.path()).session(session))
                        .andReturn()
                        .getResponse();
                assertSecurityHeaders(response, endpoint.toString());
                assertThat(response.getStatus()).as(endpoint.toString()).isIn(200, 404);
                assertThat(response.getContentAsString())
                        .as(endpoint.toString())
                        .doesNotContain(TOKEN)
                        .doesNotContain(PASSWORD);
                assertThat(Objects.toString(response.getRedirectedUrl(), "")).doesNotContain(TOKEN);
            }
        }

        @Test
        void isRefusedEveryPostWithoutOrWithAWrongCsrfToken() throws Exception {
            MockHttpSession session = loggedIn();
            for (Endpoint endpoint : consoleEndpoints()) {
                if (endpoint.method() != RequestMethod.POST) {
                    continue;
                }
                assertThat(mvc.perform(post(endpoint.path()).session(session))
                                .andReturn()
                                .getResponse()
                                .getStatus())
                        .as("no token: " + endpoint)
                        .isEqualTo(403);
                assertThat(mvc.perform(post(endpoint.path()).session(session).param("_csrf", "wrong"))
                                .andReturn()
                                .getResponse()
                                .getStatus())
                        .as("wrong token: " + endpoint)
                        .isEqualTo(403);
            }
            assertThat(ConsoleSessionProbe.isLoggedIn(session)).isTrue();
        }

        @Test
        void getsASessionCookieThatIsHttpOnlyAndSameSiteStrict() {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
            ResponseEntity<String> form = http.getForEntity("/console/login", String.class);
            String cookie = form.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            String csrf = form.getBody().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
            headers.add(HttpHeaders.COOKIE, cookie.split(";", 2)[0]);
            MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
            body.add("token", TOKEN);
            body.add("_csrf", csrf);
            ResponseEntity<String> login =
                    http.exchange("/console/login", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
            assertThat(login.getStatusCode().value()).isEqualTo(302);
            String renewed = login.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
            assertThat(renewed)
                    .as("a new session id at login")
                    .contains("HttpOnly")
                    .contains("SameSite=Strict")
                    .doesNotContain(cookie.split(";", 2)[0]);
        }

        @Test
        void logsInWithTheBasicUserNameAndPasswordToo() throws Exception {
            MockHttpSession session = new MockHttpSession();
            MockHttpServletResponse wrong = mvc.perform(post("/console/login")
                            .session(session)
                            .param("username", USER)
                            .param("password", "not-" + PASSWORD)
                            .param("_csrf", csrfOf(session)))
                    .andReturn()
                    .getResponse();
            assertThat(wrong.getStatus()).isEqualTo(401);
            assertThat(wrong.getContentAsString())
                    .contains("That user name and password are not the admin")
                    .doesNotContain(PASSWORD);
            assertThat(ConsoleSessionProbe.isLoggedIn(session)).isFalse();

            MockHttpServletResponse right = mvc.perform(post("/console/login")
                            .session(session)
                            .param("username", USER)
                            .param("password", PASSWORD)
                            .param("_csrf", csrfOf(session)))
                    .andReturn()
                    .getResponse();
            assertThat(right.getStatus()).isEqualTo(302);
            assertThat(right.getRedirectedUrl()).isEqualTo("/console");
        }

        @Test
        void getsASecureSessionCookieWhenTheRequestCameOverHttps() {
            HttpHeaders overHttps = new HttpHeaders();
            overHttps.add("X-Forwarded-Proto", "https");
            String secure = http.exchange("/console/login", HttpMethod.GET, new HttpEntity<>(overHttps), String.class)
                    .getHeaders()
                    .getFirst(HttpHeaders.SET_COOKIE);
            assertThat(secure).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");

            String plain = http.getForEntity("/console/login", String.class)
                    .getHeaders()
                    .getFirst(HttpHeaders.SET_COOKIE);
            assertThat(plain).doesNotContain("Secure");
        }

        @Test
        void isLoggedOutByLogOut() throws Exception {
            MockHttpSession session = loggedIn();
            String page = mvc.perform(get("/console").session(session))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            String csrf = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
            MockHttpServletResponse out = mvc.perform(
                            post("/console/logout").session(session).param("_csrf", csrf))
                    .andReturn()
                    .getResponse();
            assertThat(out.getRedirectedUrl()).isEqualTo("/console/login?loggedOut");
            assertThat(session.isInvalid()).isTrue();
        }
    }

    /** Cookie-free access to what the console keeps in a session, for assertions. */
    static final class ConsoleSessionProbe {
        static boolean isLoggedIn(MockHttpSession session) {
            if (session.isInvalid()) {
                return false;
            }
            var request = new org.springframework.mock.web.MockHttpServletRequest();
            request.setSession(session);
            return ConsoleSession.isLoggedIn(request);
        }
    }
}
