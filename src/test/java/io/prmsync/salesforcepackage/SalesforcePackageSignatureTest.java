package io.prmsync.salesforcepackage;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.webhook.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Apex that calls prm-sync from a Flow signs the way the service verifies. The Apex test pins a known vector
 * (secret, timestamp, body, signature); this test reads those values out of the Apex test class and computes the
 * signature with the service's own {@link WebhookSignature}, so neither side can change the scheme alone.
 */
class SalesforcePackageSignatureTest {

    private static final Path CLASSES = Path.of("salesforce/force-app/main/default/classes");

    private final String apexTest = read(CLASSES.resolve("PrmSyncWebhookTest.cls"));

    @Test
    void theApexTestVectorIsTheSignatureTheServiceComputes() {
        String secret = stringConstant("VECTOR_SECRET");
        long timestamp = Long.parseLong(constant("VECTOR_TIMESTAMP", "Long", "([0-9]+)L"));
        String body = stringConstant("VECTOR_BODY");

        assertThat(WebhookSignature.sign(
                        secret.getBytes(StandardCharsets.UTF_8),
                        Instant.ofEpochSecond(timestamp),
                        body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(stringConstant("VECTOR_SIGNATURE"));
    }

    @Test
    void theServiceAcceptsTheApexTestVector() {
        String header = stringConstant("VECTOR_SIGNATURE");
        long timestamp = Long.parseLong(constant("VECTOR_TIMESTAMP", "Long", "([0-9]+)L"));

        String matched = WebhookSignature.verify(
                header,
                stringConstant("VECTOR_BODY").getBytes(StandardCharsets.UTF_8),
                List.of(stringConstant("VECTOR_SECRET").getBytes(StandardCharsets.UTF_8)),
                Instant.ofEpochSecond(timestamp),
                Duration.ofMinutes(5));

        assertThat(header).endsWith("v1=" + matched);
    }

    @Test
    void theApexClassSendsTheServicesHeaderToItsWebhookPath() {
        String apex = read(CLASSES.resolve("PrmSyncWebhook.cls"));

        assertThat(apex)
                .contains("SIGNATURE_HEADER = '" + WebhookSignature.HEADER + "'")
                .contains("ENDPOINT = 'callout:PRM_Sync/webhooks/salesforce'")
                .contains("Crypto.generateMac('hmacSHA256', Blob.valueOf(t + '.' + body), Blob.valueOf(secret))")
                .contains("EncodingUtil.convertToHex(mac)");
    }

    @Test
    void theOutboundMessageGoesToTheOutboundMessageEndpointWithItsToken() {
        String workflow = read(Path.of("salesforce/outbound-message/main/default/workflows/Lead.workflow-meta.xml"));

        assertThat(workflow)
                .containsPattern("<endpointUrl>https://[^<]+/webhooks/salesforce/outbound-message\\?token=");
    }

    private String stringConstant(String name) {
        return constant(name, "String", "'([^'\\\\]*)'");
    }

    /** The literal of {@code static final <type> <name> = <literal>;}; escapes are refused, so none is misread. */
    private String constant(String name, String type, String literal) {
        Matcher matcher = Pattern.compile("static final " + type + " " + name + " = " + literal + ";")
                .matcher(apexTest);
        assertThat(matcher.find())
                .as("PrmSyncWebhookTest.cls declares %s as a plain %s literal", name, type)
                .isTrue();
        return matcher.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
