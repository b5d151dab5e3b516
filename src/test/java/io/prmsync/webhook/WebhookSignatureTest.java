package io.prmsync.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** {@code X-PRM-Signature} checked against hostile, malformed, stale and forged headers. */
class WebhookSignatureTest {

    private static final byte[] SECRET = "current-secret".getBytes(UTF_8);
    private static final byte[] OLD_SECRET = "old-secret".getBytes(UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-28T09:15:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] BODY =
            "{\"eventId\":\"evt-1\",\"entity\":\"partner-account\",\"id\":\"P-1\",\"operation\":\"upsert\"}"
                    .getBytes(UTF_8);

    // --- accepted ---------------------------------------------------------------------------------------------

    @Test
    void aValidSignatureIsAcceptedAndItsV1Returned() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);

        assertThat(verify(header, List.of(SECRET))).isEqualTo(v1(header)).isEqualTo(independentHmac(SECRET, NOW, BODY));
    }

    @Test
    void signProducesTheDocumentedFormatComputedOverTimestampDotBody() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);

        assertThat(header).isEqualTo("t=" + NOW.getEpochSecond() + ",v1=" + independentHmac(SECRET, NOW, BODY));
        assertThat(header).matches("t=[0-9]+,v1=[0-9a-f]{64}");
    }

    @Test
    void oneMatchingV1AmongSeveralIsEnoughAndIsTheOneReturned() {
        String good = independentHmac(SECRET, NOW, BODY);
        String header =
                "t=" + NOW.getEpochSecond() + ",v1=" + "ab".repeat(32) + ",v1=" + good + ",v1=" + "0".repeat(64);

        assertThat(verify(header, List.of(SECRET))).isEqualTo(good);
    }

    @Test
    void anUppercaseV1IsAcceptedAndReturnedLowercaseSoAReplayCannotDisguiseItselfByCase() {
        String good = independentHmac(SECRET, NOW, BODY);
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + good.toUpperCase(java.util.Locale.ROOT);

        assertThat(verify(header, List.of(SECRET))).isEqualTo(good);
    }

    @Test
    void theOlderOfTwoConfiguredSecretsStillMatchesDuringRotation() {
        String header = WebhookSignature.sign(OLD_SECRET, NOW, BODY);

        assertThat(verify(header, List.of(SECRET, OLD_SECRET))).isEqualTo(independentHmac(OLD_SECRET, NOW, BODY));
    }

    @Test
    void whenBothSecretsMatchTheReturnedV1DoesNotDependOnTheOrderOfTheHeader() {
        String withNew = independentHmac(SECRET, NOW, BODY);
        String withOld = independentHmac(OLD_SECRET, NOW, BODY);
        String t = "t=" + NOW.getEpochSecond();

        String one = verify(t + ",v1=" + withNew + ",v1=" + withOld, List.of(SECRET, OLD_SECRET));
        String other = verify(t + ",v1=" + withOld + ",v1=" + withNew, List.of(SECRET, OLD_SECRET));

        // A replay that reorders the v1 values must still be recognised as the same request.
        assertThat(one).isEqualTo(other).isEqualTo(withNew);
    }

    @Test
    void unknownSchemesSuchAsV0AreSkipped() {
        String good = independentHmac(SECRET, NOW, BODY);
        String header = "v0=whatever,t=" + NOW.getEpochSecond() + ",v2=not-hex-at-all,v1=" + good + ",x";

        assertThat(verify(header, List.of(SECRET))).isEqualTo(good);
    }

    @Test
    void spacesAroundKeysAndValuesAreTolerated() {
        String good = independentHmac(SECRET, NOW, BODY);

        assertThat(verify(" t = " + NOW.getEpochSecond() + " , v1 = " + good + " ", List.of(SECRET)))
                .isEqualTo(good);
    }

    @Test
    void aHeaderOfExactly1024CharactersIsStillRead() {
        String signed = WebhookSignature.sign(SECRET, NOW, BODY);
        String header = signed + ",v0=" + "x".repeat(1024 - signed.length() - 4);
        assertThat(header).hasSize(1024);

        assertThat(verify(header, List.of(SECRET))).isEqualTo(v1(signed));
    }

    @Test
    void timestampsExactlyAtTheToleranceEdgeAreAccepted() {
        for (Instant at : List.of(NOW.minus(TOLERANCE), NOW.plus(TOLERANCE))) {
            String header = WebhookSignature.sign(SECRET, at, BODY);
            assertThat(verify(header, List.of(SECRET))).as("signed at %s", at).isEqualTo(v1(header));
        }
    }

    // --- refused ----------------------------------------------------------------------------------------------

    @Test
    void aMissingOrBlankHeaderIsRefused() {
        assertRejected(() -> verify(null, List.of(SECRET)), "header is missing");
        assertRejected(() -> verify("", List.of(SECRET)), "header is missing");
        assertRejected(() -> verify("   \t ", List.of(SECRET)), "header is missing");
    }

    @Test
    void aHeaderLongerThan1024CharactersIsRefusedEvenIfItCarriesAValidSignature() {
        String signed = WebhookSignature.sign(SECRET, NOW, BODY);
        String header = signed + ",v0=" + "x".repeat(1025 - signed.length() - 4);
        assertThat(header).hasSize(1025);

        assertRejected(() -> verify(header, List.of(SECRET)), "longer than 1024 characters");
        assertRejected(() -> verify(signed + "," + "v0=y".repeat(5000), List.of(SECRET)), "longer than 1024");
    }

    @Test
    void aHeaderWithoutTimestampIsRefused() {
        assertRejected(
                () -> verify("v1=" + independentHmac(SECRET, NOW, BODY), List.of(SECRET)), "needs t=<unix seconds>");
    }

    @Test
    void aTimestampGivenTwiceIsRefusedEvenIfBothAreTheSame() {
        long t = NOW.getEpochSecond();
        String good = independentHmac(SECRET, NOW, BODY);

        assertRejected(() -> verify("t=" + t + ",t=" + t + ",v1=" + good, List.of(SECRET)), "'t' must appear once");
        assertRejected(
                () -> verify("t=" + t + ",v1=" + good + ",t=" + (t + 1), List.of(SECRET)), "'t' must appear once");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "t=",
                "t",
                "t=abc",
                "t=12a4",
                "t=-1700000000",
                "t=+1700000000",
                "t=1.5",
                "t=1e9",
                "t=0x6566",
                "t=1234567890123",
                "t=１７００００００００"
            })
    void aTimestampThatIsNotWholeSecondsIsRefused(String t) {
        String header = t + ",v1=" + independentHmac(SECRET, NOW, BODY);

        assertRejected(() -> verify(header, List.of(SECRET)), "'t' must appear once, as whole seconds");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 65, 128})
    void aV1OfTheWrongLengthIsRefused(int length) {
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "a".repeat(length);

        assertRejected(() -> verify(header, List.of(SECRET)), "every 'v1' must be 64 hex digits");
    }

    @Test
    void aV1WithNonHexCharactersIsRefusedEvenNextToAValidOne() {
        String good = independentHmac(SECRET, NOW, BODY);
        String t = "t=" + NOW.getEpochSecond();

        assertRejected(() -> verify(t + ",v1=" + "g".repeat(64), List.of(SECRET)), "64 hex digits");
        assertRejected(() -> verify(t + ",v1=" + good.substring(0, 63) + "z", List.of(SECRET)), "64 hex digits");
        assertRejected(() -> verify(t + ",v1=" + good + ",v1=" + "x".repeat(64), List.of(SECRET)), "64 hex digits");
        assertRejected(() -> verify(t + ",v1", List.of(SECRET)), "64 hex digits");
    }

    @Test
    void aHeaderWithoutAnyV1IsRefused() {
        String t = "t=" + NOW.getEpochSecond();

        assertRejected(() -> verify(t, List.of(SECRET)), "at least one v1=");
        assertRejected(
                () -> verify(t + ",v0=" + independentHmac(SECRET, NOW, BODY), List.of(SECRET)), "at least one v1=");
        assertRejected(
                () -> verify(t + ",V1=" + independentHmac(SECRET, NOW, BODY), List.of(SECRET)), "at least one v1=");
        assertRejected(() -> verify(",,,", List.of(SECRET)), "at least one v1=");
    }

    @Test
    void aStaleTimestampIsRefused() {
        Instant at = NOW.minus(TOLERANCE).minusSeconds(1);

        assertRejected(
                () -> verify(WebhookSignature.sign(SECRET, at, BODY), List.of(SECRET)),
                "301 s away from this server's clock");
        assertRejected(
                () -> verify(WebhookSignature.sign(SECRET, Instant.EPOCH, BODY), List.of(SECRET)),
                "away from this server's clock");
    }

    @Test
    void aTimestampTooFarInTheFutureIsRefused() {
        Instant at = NOW.plus(TOLERANCE).plusSeconds(1);

        assertRejected(
                () -> verify(WebhookSignature.sign(SECRET, at, BODY), List.of(SECRET)),
                "301 s away from this server's clock");
        assertRejected(
                () -> verify("t=999999999999,v1=" + "a".repeat(64), List.of(SECRET)), "away from this server's clock");
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String header = WebhookSignature.sign("somebody-else".getBytes(UTF_8), NOW, BODY);

        assertRejected(() -> verify(header, List.of(SECRET, OLD_SECRET)), "No v1 signature matches");
    }

    @Test
    void aBodyChangedByOneByteIsRefused() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        for (int i : new int[] {0, BODY.length / 2, BODY.length - 1}) {
            byte[] changed = BODY.clone();
            changed[i] ^= 1;
            assertRejected(() -> verify(header, changed, List.of(SECRET)), "No v1 signature matches");
        }
        byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);
        assertRejected(() -> verify(header, longer, List.of(SECRET)), "No v1 signature matches");
    }

    @Test
    void aValidV1MovedToAnotherTimestampIsRefused() {
        String good = independentHmac(SECRET, NOW, BODY);

        assertRejected(
                () -> verify("t=" + (NOW.getEpochSecond() + 1) + ",v1=" + good, List.of(SECRET)),
                "No v1 signature matches");
    }

    @Test
    void withNoSecretConfiguredEvenAWellFormedSignatureIsRefused() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);

        assertRejected(() -> verify(header, List.of()), "No secret is configured");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static String verify(String header, List<byte[]> secrets) {
        return verify(header, BODY, secrets);
    }

    private static String verify(String header, byte[] body, List<byte[]> secrets) {
        return WebhookSignature.verify(header, body, secrets, NOW, TOLERANCE);
    }

    private static String v1(String header) {
        return header.substring(header.indexOf("v1=") + 3);
    }

    /** HMAC-SHA256 of "{@code <t>.<body>}", computed here rather than by the class under test. */
    private static String independentHmac(byte[] secret, Instant at, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((at.getEpochSecond() + ".").getBytes(UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRejected(ThrowingCallable call, String phrase) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(e.getMessage()).contains(phrase);
        });
    }
}
