package io.prmsync.webhook;

import static io.prmsync.support.WebhookSender.ORG_ID;
import static io.prmsync.support.WebhookSender.outboundMessageXml;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/**
 * Salesforce Outbound Messages, well-formed and hostile. Files the hostile messages point at hold a valid-looking
 * Salesforce id and a marker: had the parser read one, the id would have turned up in the parsed message (or the
 * marker in the error), so "refused and nothing read" is checked, not assumed.
 */
class OutboundMessagesTest {

    private static final String N1 = "04l000000000001AAA";
    private static final String N2 = "04l000000000002AAB";
    private static final String S1 = "001000000000001AAA";
    private static final String S2 = "001000000000002AAB";
    /** A Salesforce id that only exists in the files below. */
    private static final String SECRET_ID = "001SECRETFILE00042";

    private static final String MARKER = "FILE-CONTENT-MARKER-7f3a";

    @TempDir
    Path dir;

    private Path idFile;
    private Path dtdFile;
    private Path notificationFile;

    @BeforeEach
    void files() throws IOException {
        idFile = Files.writeString(dir.resolve("id.txt"), SECRET_ID);
        dtdFile = Files.writeString(
                dir.resolve("evil.dtd"),
                "<!ENTITY leak \"" + SECRET_ID + "\">" + "<!ENTITY marker \"" + MARKER + "\">");
        notificationFile = Files.writeString(
                dir.resolve("notification.xml"),
                "<Notification xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Id>04l000000000009AAA</Id>"
                        + "<sObject xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"sf:Account\""
                        + " xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\"><sf:Id>" + SECRET_ID
                        + "</sf:Id></sObject></Notification><!-- " + MARKER + " -->");
    }

    // --- accepted ---------------------------------------------------------------------------------------------

    @Test
    void aWellFormedMessageGivesTheOrgAndEachNotification() {
        String xml = outboundMessageXml(
                ORG_ID,
                "Account",
                List.of(new String[] {N1, S1}, new String[] {N2, S2}),
                "<sf:Name>Forged</sf:Name><sf:Partner_Tier__c>PLATINUM</sf:Partner_Tier__c>");

        OutboundMessages.Message message = parse(xml);

        assertThat(message.organizationId()).isEqualTo(ORG_ID);
        assertThat(message.notifications())
                .containsExactly(
                        new OutboundMessages.Notification(N1, "Account", S1),
                        new OutboundMessages.Notification(N2, "Account", S2));
    }

    @Test
    void otherNamespacePrefixesAndDefaultNamespacesParseTheSame() {
        String xml = """
                <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
                  <S:Header><x:Anything xmlns:x="urn:x"/></S:Header>
                  <S:Body>
                    <out:notifications xmlns:out="http://soap.sforce.com/2005/09/outbound"
                        xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
                      <out:OrganizationId>00D000000000001</out:OrganizationId>
                      <out:Notification>
                        <out:Id>%s</out:Id>
                        <out:sObject i:type="q:Partner_Certification__c" xmlns:q="urn:sobject.enterprise.soap.sforce.com">
                          <q:Id>%s</q:Id>
                        </out:sObject>
                      </out:Notification>
                    </out:notifications>
                  </S:Body>
                </S:Envelope>""".formatted(N1, S1);
        String defaults = """
                <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>
                <notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId> %s </OrganizationId>
                <Notification><Id>%s</Id><sObject xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:type="Account"><Id>%s</Id></sObject></Notification></notifications></Body></Envelope>""".formatted(ORG_ID, N2, S2);

        assertThat(parse(xml))
                .isEqualTo(new OutboundMessages.Message(
                        "00D000000000001",
                        List.of(new OutboundMessages.Notification(N1, "Partner_Certification__c", S1))));
        assertThat(parse(defaults))
                .isEqualTo(new OutboundMessages.Message(
                        ORG_ID, List.of(new OutboundMessages.Notification(N2, "Account", S2))));
    }

    @Test
    void cdataCommentsAndCharacterReferencesAreOnlySyntax() {
        String xml = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "")
                .replace(">" + N1 + "<", "><![CDATA[" + N1 + "]]><")
                .replace(">" + S1 + "<", "><!-- a comment -->&#48;01000000000001AAA<");

        assertThat(parse(xml).notifications()).containsExactly(new OutboundMessages.Notification(N1, "Account", S1));
    }

    @Test
    void oneHundredNotificationsAreAccepted() {
        assertThat(parse(outboundMessageXml(ORG_ID, "Account", notifications(100), ""))
                        .notifications())
                .hasSize(100);
    }

    // --- DTDs, entities, XInclude -----------------------------------------------------------------------------

    @Test
    void anExternalEntityIsRefusedAndTheFileNeverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM \"" + idFile.toUri()
                + "\">]>"
                + withoutDeclaration(
                        outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, "&xxe;"}), ""));

        assertRefusedWithoutReading(xxe, "DOCTYPE");
    }

    @Test
    void anExternalParameterEntityIsRefusedAndTheFileNeverRead() {
        String xxe = "<!DOCTYPE soapenv:Envelope [<!ENTITY % ext SYSTEM \"" + dtdFile.toUri() + "\"> %ext;]>"
                + withoutDeclaration(outboundMessageXml(
                        ORG_ID,
                        "Account",
                        List.<String[]>of(new String[] {N1, "&leak;"}),
                        "<sf:Name>&marker;</sf:Name>"));

        assertRefusedWithoutReading(xxe, "DOCTYPE");
    }

    @Test
    void anExternalDtdIsRefusedAndNeverRead() {
        for (String doctype : List.of(
                "<!DOCTYPE soapenv:Envelope SYSTEM \"" + dtdFile.toUri() + "\">",
                "<!DOCTYPE soapenv:Envelope PUBLIC \"-//Evil//DTD//EN\" \"" + dtdFile.toUri() + "\">",
                "<!DOCTYPE soapenv:Envelope SYSTEM \"http://127.0.0.1:9/evil.dtd\">")) {
            String xml = "<?xml version=\"1.0\"?>" + doctype
                    + withoutDeclaration(
                            outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, "&leak;"}), ""));
            assertRefusedWithoutReading(xml, "DOCTYPE");
        }
    }

    @Test
    void aBillionLaughsBombIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE soapenv:Envelope [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String bomb = dtd.append("]>").toString()
                + withoutDeclaration(outboundMessageXml(
                        ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "<sf:Name>&lol9;</sf:Name>"));

        long started = System.nanoTime();
        assertBadRequest(() -> parse(bomb), "DOCTYPE");
        // An expansion that ran would take far longer, or run out of memory; 10 s leaves a cold JVM its class loading.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anInternalDoctypeWithoutEntitiesIsRefusedToo() {
        assertBadRequest(
                () -> parse("<!DOCTYPE soapenv:Envelope>"
                        + withoutDeclaration(
                                outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), ""))),
                "DOCTYPE");
    }

    @Test
    void xincludeIsNotProcessedSoAnIdMadeOfAnIncludeIsEmptyAndRefused() {
        String include = "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + idFile.toUri()
                + "\" parse=\"text\"/>";

        assertRefusedWithoutReading(
                outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, include}), ""),
                "sObject/Id must be plain text");
        assertRefusedWithoutReading(
                outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {include, S1}), ""),
                "Notification/Id must be plain text");
    }

    @Test
    void xincludeOfAWholeNotificationIsNotProcessed() {
        String xml = outboundMessageXml(ORG_ID, "Account", List.of(), "")
                .replace(
                        "</notifications>",
                        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + notificationFile.toUri()
                                + "\" parse=\"xml\"/></notifications>");

        assertRefusedWithoutReading(xml, "The message has no Notification");
    }

    @Test
    void anUndeclaredEntityReferenceIsRefused() {
        assertBadRequest(
                () -> parse(outboundMessageXml(
                        ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "<sf:Name>&xxe;</sf:Name>")),
                "not acceptable XML");
        assertBadRequest(
                () -> parse(outboundMessageXml(
                        ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "<sf:Name>&#0;</sf:Name>")),
                "not acceptable XML");
    }

    @Test
    void tenThousandAndOneAttributesOnOneElementAreRefused() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            attributes.append(" a").append(i).append("=\"\"");
        }
        String xml = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "")
                .replace("<ActionId>", "<ActionId" + attributes + ">");

        assertBadRequest(() -> parse(xml), "not acceptable XML");
    }

    // --- structure ---------------------------------------------------------------------------------------------

    @Test
    void aRootOtherThanASoap11EnvelopeIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");

        assertBadRequest(
                () -> parse("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"/>"),
                "The root element must be a SOAP 1.1 Envelope");
        assertBadRequest(
                () -> parse(valid.replace(
                        "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")),
                "The root element must be a SOAP 1.1 Envelope");
        assertBadRequest(
                () -> parse(valid.replace("soapenv:Envelope", "soapenv:Envelop")),
                "The root element must be a SOAP 1.1 Envelope");
        assertBadRequest(
                () -> parse("<Envelope>" + withoutDeclaration(valid) + "</Envelope>"),
                "The root element must be a SOAP 1.1 Envelope");
    }

    @Test
    void aMissingOrDoubledBodyIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");
        String body = valid.substring(valid.indexOf("<soapenv:Body>"), valid.indexOf("</soapenv:Envelope>"));

        assertBadRequest(() -> parse(valid.replace(body, "")), "Envelope must contain exactly one Body");
        assertBadRequest(() -> parse(valid.replace(body, body + body)), "Envelope must contain exactly one Body");
        assertBadRequest(() -> parse(valid.replace("soapenv:Body", "Body")), "Envelope must contain exactly one Body");
    }

    @Test
    void notificationsOutsideTheOutboundNamespaceAreRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");

        assertBadRequest(
                () -> parse(valid.replace(
                        "http://soap.sforce.com/2005/09/outbound", "http://soap.sforce.com/2005/09/outbound/")),
                "Body must contain exactly one notifications");
        assertBadRequest(
                () -> parse(valid.replace(" xmlns=\"http://soap.sforce.com/2005/09/outbound\"", "")),
                "Body must contain exactly one notifications");
        assertBadRequest(
                () -> parse(valid.replace("notifications", "notification")),
                "Body must contain exactly one notifications");
    }

    @Test
    void aMissingEmptyOrDoubledOrganizationIdIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");
        String organization = "<OrganizationId>" + ORG_ID + "</OrganizationId>";

        assertBadRequest(
                () -> parse(valid.replace(organization, "")), "notifications must contain exactly one OrganizationId");
        assertBadRequest(
                () -> parse(valid.replace(organization, organization + organization)),
                "notifications must contain exactly one OrganizationId");
        assertBadRequest(
                () -> parse(valid.replace(organization, "<OrganizationId>  </OrganizationId>")),
                "OrganizationId must hold 1 to 128 characters");
        assertBadRequest(
                () -> parse(valid.replace(organization, "<OrganizationId>" + "0".repeat(129) + "</OrganizationId>")),
                "OrganizationId must hold 1 to 128 characters");
    }

    @Test
    void aMessageWithoutNotificationsIsRefused() {
        assertBadRequest(
                () -> parse(outboundMessageXml(ORG_ID, "Account", List.of(), "")), "The message has no Notification");
    }

    @Test
    void oneHundredAndOneNotificationsAreRefused() {
        assertBadRequest(
                () -> parse(outboundMessageXml(ORG_ID, "Account", notifications(101), "")),
                "A message carries at most 100 Notification elements");
    }

    @Test
    void aNotificationWithoutOrWithTwoIdsIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");

        assertBadRequest(
                () -> parse(valid.replace("<Id>" + N1 + "</Id>", "")), "Notification must contain exactly one Id");
        assertBadRequest(
                () -> parse(valid.replace("<Id>" + N1 + "</Id>", "<Id>" + N1 + "</Id><Id>" + N2 + "</Id>")),
                "Notification must contain exactly one Id");
    }

    @Test
    void aNotificationWithoutSObjectOrWithoutSObjectIdIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");

        assertBadRequest(
                () -> parse(valid.replace("<sf:Id>" + S1 + "</sf:Id>", "")),
                "Notification " + N1 + ": its sObject has no Id");
        assertBadRequest(
                () -> parse(valid.replaceAll("(?s)<sObject.*</sObject>", "")),
                "Notification must contain exactly one sObject");
        assertBadRequest(
                () -> parse(valid.replace("<sf:Id>" + S1 + "</sf:Id>", "<sf:Id/>")),
                "sObject/Id must hold 1 to 128 characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "xsi:type=\"\"",
                "xsi:type=\"sf:\"",
                "xsi:type=\"sf:1Account\"",
                "xsi:type=\"sf:Account' OR '1'='1\"",
                "xsi:type=\"a:b:Account\"",
                "type=\"sf:Account\"",
                "xsi:type=\"sf:Account.Name\""
            })
    void aNotificationWithoutAUsableXsiTypeIsRefused(String typeAttribute) {
        String xml = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "")
                .replace("xsi:type=\"sf:Account\"", typeAttribute);

        assertBadRequest(() -> parse(xml), "Notification " + N1 + ": the sObject needs an xsi:type");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "04l' OR Id != '",
                "x",
                "04l00000000000",
                "04l0000000000001",
                "04l000000000001AAAA",
                "04l000000000001&amp;A",
                "04l 00000000001A",
                "04l000000000001AA\u00e9"
            })
    void aNotificationIdOrSObjectIdThatIsNotASalesforceIdIsRefused(String id) {
        assertBadRequest(
                () -> parse(outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {id, S1}), "")),
                "Notification 1: its Id is not a Salesforce id");
        assertBadRequest(
                () -> parse(outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, id}), "")),
                "Notification " + N1 + ": its sObject Id is not a Salesforce id");
    }

    // --- not XML -------------------------------------------------------------------------------------------------

    @Test
    void truncatedXmlIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");
        int end = valid.lastIndexOf('>');
        for (int cut : new int[] {
            0, 1, 5, 38, valid.indexOf("<soapenv:Body>") + 3, valid.indexOf(N1), valid.indexOf("</notifications>"), end
        }) {
            byte[] truncated = valid.substring(0, cut).getBytes(UTF_8);
            assertBadRequest(() -> OutboundMessages.parse(truncated), "not acceptable XML");
        }
    }

    @Test
    void bytesThatAreNotXmlAreRefused() {
        Random random = new Random(20261128);
        List<byte[]> bodies = new ArrayList<>(List.of(
                new byte[0],
                "{\"eventId\":\"e\"}".getBytes(UTF_8),
                "just text".getBytes(UTF_8),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0},
                new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                new byte[] {(byte) 0xff, (byte) 0xfe, '<', 0}));
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        for (byte[] body : bodies) {
            assertBadRequest(() -> OutboundMessages.parse(body), "XML");
        }
    }

    @Test
    void contentAfterTheRootElementIsRefused() {
        String valid = outboundMessageXml(ORG_ID, "Account", List.<String[]>of(new String[] {N1, S1}), "");

        assertBadRequest(() -> parse(valid + valid), "not acceptable XML");
        assertBadRequest(() -> parse(valid + "<x/>"), "not acceptable XML");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static OutboundMessages.Message parse(String xml) {
        return OutboundMessages.parse(xml.getBytes(UTF_8));
    }

    private void assertRefusedWithoutReading(String xml, String phrase) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getMessage())
                    .contains(phrase)
                    .doesNotContain(SECRET_ID)
                    .doesNotContain(MARKER);
        });
    }

    private static String withoutDeclaration(String xml) {
        return xml.replaceFirst("^<\\?xml[^>]*\\?>\\s*", "");
    }

    private static List<String[]> notifications(int count) {
        List<String[]> notifications = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            notifications.add(
                    new String[] {"04l" + "%012d".formatted(i) + "AAA", "001" + "%012d".formatted(i) + "AAA"});
        }
        return notifications;
    }

    private static void assertBadRequest(ThrowingCallable call, String phrase) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getMessage()).contains(phrase);
        });
    }
}
