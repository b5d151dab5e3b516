package io.prmsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Health answers anyone with its status; its details (the store, the Salesforce breaker) only an admin. */
@SuppressWarnings({"unchecked", "rawtypes"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:health-details;DB_CLOSE_DELAY=-1",
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.admin.tokens=" + HealthDetailsIT.TOKEN,
            "prm-sync.admin.basic-username=ops",
            "prm-sync.admin.basic-password=" + HealthDetailsIT.PASSWORD
        })
class HealthDetailsIT {

    static final String TOKEN = "health-test-token";
    static final String PASSWORD = "health-test-password";

    @Autowired
    TestRestTemplate http;

    @Test
    void anAnonymousCallerSeesTheStatusOnly() {
        ResponseEntity<Map> health = health(new HttpHeaders());

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "UP").doesNotContainKeys("components", "details");
    }

    @Test
    void aWrongTokenSeesTheStatusOnlyAndIsNotRefused() {
        HttpHeaders wrong = new HttpHeaders();
        wrong.setBearerAuth(TOKEN + "x");

        ResponseEntity<Map> health = health(wrong);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "UP").doesNotContainKey("components");
    }

    @Test
    void theAdminTokenSeesTheDetails() {
        HttpHeaders admin = new HttpHeaders();
        admin.setBearerAuth(TOKEN);

        Map<String, Object> components =
                (Map<String, Object>) health(admin).getBody().get("components");

        assertThat(components).containsKeys("db", "salesforce");
        assertThat((Map<String, Object>) components.get("salesforce")).containsKey("details");
    }

    @Test
    void theBasicCredentialsSeeTheDetails() {
        HttpHeaders basic = new HttpHeaders();
        basic.set(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));

        assertThat(health(basic).getBody()).containsKey("components");
    }

    @Test
    void theProbeGroupsStayOpen() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            ResponseEntity<Map> answer = http.getForEntity(probe, Map.class);

            assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(answer.getBody()).as(probe).containsEntry("status", "UP");
        }
    }

    private ResponseEntity<Map> health(HttpHeaders headers) {
        return http.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(headers), Map.class);
    }
}
