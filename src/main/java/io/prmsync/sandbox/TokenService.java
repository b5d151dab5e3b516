package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The OAuth 2.0 token and revoke endpoints, and the set of sessions they have issued. */
final class TokenService {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final SimulatorSettings settings;
    private final Supplier<String> baseUrl;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    TokenService(SimulatorSettings settings, Supplier<String> baseUrl) {
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    ApiResponse token(ApiRequest request) {
        Map<String, String> form = ApiRequest.formDecode(request.body());
        String grantType = form.getOrDefault("grant_type", "");
        String clientId = form.get("client_id");
        boolean checksClient = !grantType.equals(JWT_BEARER);
        if (checksClient && !settings.clientId().equals(clientId)) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        boolean secretRequired = grantType.equals("password") || grantType.equals("client_credentials");
        String secret = form.get("client_secret");
        if ((secretRequired || secret != null)
                && checksClient
                && !settings.clientSecret().equals(secret)) {
            return oauthError("invalid_client", "invalid client credentials");
        }
        boolean granted = switch (grantType) {
            case "password" ->
                settings.username().equals(form.get("username"))
                        && settings.password().equals(form.get("password"));
            case "client_credentials" -> true;
            case "refresh_token" -> !form.getOrDefault("refresh_token", "").isBlank();
            case JWT_BEARER -> isSyntacticallyJwt(form.get("assertion"));
            default -> false;
        };
        if (!granted) {
            return grantType.matches("password|client_credentials|refresh_token|" + JWT_BEARER)
                    ? oauthError("invalid_grant", "authentication failure")
                    : oauthError("unsupported_grant_type", "grant type not supported");
        }
        return ApiResponse.json(200, issue());
    }

    /** Always 200: Salesforce does not complain about revoking a token that already expired. */
    ApiResponse revoke(ApiRequest request) {
        String token = ApiRequest.formDecode(request.body())
                .getOrDefault("token", request.param("token").orElse(""));
        sessions.remove(token);
        return ApiResponse.empty(200);
    }

    boolean isValid(String token) {
        return token != null && sessions.contains(token);
    }

    void expireAll() {
        sessions.clear();
    }

    private ObjectNode issue() {
        byte[] bytes = new byte[72];
        random.nextBytes(bytes);
        String token = SalesforceSimulator.ORG_ID.substring(0, 15) + "!"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bytes)
                        .replace('-', 'x')
                        .replace('_', 'y');
        sessions.add(token);
        String id = baseUrl.get() + "/id/" + SalesforceSimulator.ORG_ID + "/" + SimulatedOrg.USER_ID;
        String issuedAt = Long.toString(System.currentTimeMillis());
        return Json.object()
                .put("access_token", token)
                .put("instance_url", baseUrl.get())
                .put("id", id)
                .put("token_type", "Bearer")
                .put("issued_at", issuedAt)
                .put("signature", sign(id + issuedAt));
    }

    /** The real signature: HMAC-SHA256 of id and issued_at, keyed with the client secret. */
    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Header and claims must be base64url JSON objects and the claims must name an issuer. The signature is not
     * verified: the simulator holds no certificate, and checking it would only test the test's key pair.
     */
    private static boolean isSyntacticallyJwt(String assertion) {
        if (assertion == null) {
            return false;
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return false;
        }
        try {
            JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return header.isObject() && claims.isObject() && claims.hasNonNull("iss");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static ApiResponse oauthError(String error, String description) {
        return ApiResponse.json(400, Json.object().put("error", error).put("error_description", description));
    }
}
