package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SimulatorClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthApiTest {

    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults();

    private SalesforceSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SETTINGS);
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void passwordLoginAnswersTheTokenShapeTheSalesforceComponentParses() {
        Reply reply = client.token(passwordGrant(SETTINGS.password()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("access_token").asText()).startsWith("00D000000000001!");
        assertThat(reply.json().get("instance_url").asText()).isEqualTo(simulator.baseUrl());
        assertThat(reply.json().get("id").asText())
                .isEqualTo(simulator.baseUrl() + "/id/00D000000000001EAA/005000000000001AAA");
        assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(Long.parseLong(reply.json().get("issued_at").asText())).isPositive();
        assertThat(Base64.getDecoder().decode(reply.json().get("signature").asText()))
                .hasSize(32);
        assertThat(reply.json().size()).isEqualTo(6);
    }

    @Test
    void wrongPasswordIsAnInvalidGrant() {
        Reply reply = client.token(passwordGrant("not-the-password"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(reply.json().get("error_description").asText()).isEqualTo("authentication failure");
    }

    @Test
    void wrongClientSecretIsAnInvalidClient() {
        Map<String, String> form = new java.util.HashMap<>(passwordGrant(SETTINGS.password()));
        form.put("client_secret", "guess");

        Reply reply = client.token(form);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void clientCredentialsAndRefreshTokenGrantsIssueTokens() {
        Reply credentials = client.token(Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                SETTINGS.clientId(),
                "client_secret",
                SETTINGS.clientSecret()));
        Reply refresh = client.token(Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                SETTINGS.clientId(),
                "refresh_token",
                "5Aep861-any-refresh-token"));

        assertThat(credentials.status()).isEqualTo(200);
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(credentials.json().get("access_token").asText())
                .isNotEqualTo(refresh.json().get("access_token").asText());
    }

    @Test
    void jwtBearerGrantAcceptsASyntacticallyValidAssertionOnly() {
        String header = base64Url("{\"alg\":\"RS256\"}");
        String claims = base64Url("{\"iss\":\"" + SETTINGS.clientId() + "\",\"sub\":\"" + SETTINGS.username() + "\"}");
        String grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

        Reply good = client.token(Map.of("grant_type", grant, "assertion", header + "." + claims + ".c2lnbmF0dXJl"));
        Reply bad = client.token(Map.of("grant_type", grant, "assertion", "not-a-jwt"));

        assertThat(good.status()).isEqualTo(200);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void unknownGrantTypeIsUnsupported() {
        Reply reply = client.token(Map.of("grant_type", "authorization_code", "client_id", SETTINGS.clientId()));

        assertThat(reply.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void dataCallWithoutTokenIsAnInvalidSession() {
        Reply reply = client.get(SimulatorClient.DATA + "/limits");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(reply.json().get(0).get("message").asText()).isEqualTo("Session expired or invalid");
    }

    @Test
    void revokedTokenNoLongerOpensTheApi() {
        client.login();
        assertThat(client.get(SimulatorClient.DATA + "/limits").status()).isEqualTo(200);

        Reply revoke = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/services/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "token=" + SimulatorClient.encode(client.token()))));

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(client.get(SimulatorClient.DATA + "/limits").status()).isEqualTo(401);
    }

    @Test
    void expiringSessionsInvalidatesEveryIssuedTokenUntilTheNextLogin() {
        client.login();
        simulator.faults().expireSessions();

        assertThat(client.get(SimulatorClient.DATA + "/limits").status()).isEqualTo(401);
        client.login();
        assertThat(client.get(SimulatorClient.DATA + "/limits").status()).isEqualTo(200);
    }

    @Test
    void tokenCallsDoNotCountAgainstTheApiLimit() {
        client.login();
        client.login();

        assertThat(simulator.org().apiUsage()).isZero();
        assertThat(simulator.counters().count(Endpoint.TOKEN)).isEqualTo(2);
    }

    private static Map<String, String> passwordGrant(String password) {
        return Map.of(
                "grant_type",
                "password",
                "client_id",
                SETTINGS.clientId(),
                "client_secret",
                SETTINGS.clientSecret(),
                "username",
                SETTINGS.username(),
                "password",
                password);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
