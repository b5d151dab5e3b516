package io.prmsync.salesforcepackage;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.MappingLoader;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.support.MigratedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce package in salesforce/ serves the shipped mappings in config/mappings: the objects, fields and
 * record types they name, field types and lengths that carry the PRM columns, and a permission set granting exactly
 * what the service reads and writes. Each check is also shown to fail on a package broken on purpose.
 */
class SalesforcePackageTest {

    static final Path SOURCE = Path.of("salesforce/force-app/main/default");
    static final String PERMISSION_SET = "PRM_Sync_Integration";

    private static JdbcColumnCatalog store;
    private static List<EntityMapping> mappings;

    @BeforeAll
    static void loadTheShippedMappings() throws IOException {
        store = JdbcColumnCatalog.read(MigratedStore.create("salesforce-package"));
        MappingLoader loader = new MappingLoader(store);
        try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
            mappings = files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(loader::load)
                    .toList();
        }
    }

    static List<String> problems(Path source) {
        return SalesforcePackageCheck.check(mappings, store, SalesforcePackage.read(source, PERMISSION_SET)).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void theShippedPackageServesEveryShippedMapping() {
        assertThat(mappings).hasSize(7);
        assertThat(problems(SOURCE)).isEmpty();
    }

    @Test
    void thePackageTargetsApiVersion62() throws IOException {
        assertThat(Files.readString(Path.of("salesforce/sfdx-project.json")))
                .contains("\"sourceApiVersion\": \"62.0\"");
        try (Stream<Path> files = Files.walk(Path.of("salesforce"))) {
            files.filter(f -> f.toString().endsWith(".cls-meta.xml")
                            || f.toString().endsWith(".flow-meta.xml"))
                    .forEach(f -> assertThat(read(f)).as(f.toString()).contains("<apiVersion>62.0</apiVersion>"));
        }
    }

    /**
     * The webhook Flow skips the integration user's saves (prm-sync's own writes would otherwise echo back as
     * webhooks): its entry condition excludes holders of a custom permission that the package defines, that the
     * permission set grants, and that the Apex action checks as well.
     */
    @Test
    void theWebhookFlowSkipsTheIntegrationUsersOwnWrites() {
        String permission = "PRM_Sync_Integration_User";
        String flow = read(SOURCE.resolve("flows/PRM_Sync_Partner_Account_Changed.flow-meta.xml"));
        String permissionSet = read(SOURCE.resolve("permissionsets/" + PERMISSION_SET + ".permissionset-meta.xml"));

        assertThat(flow)
                .contains("<filterFormula>AND({!$Record.IsPartner}, NOT({!$Permission." + permission
                        + "}))</filterFormula>");
        assertThat(SOURCE.resolve("customPermissions/" + permission + ".customPermission-meta.xml"))
                .exists();
        assertThat(permissionSet)
                .containsPattern("<customPermissions>\\s*<enabled>true</enabled>\\s*<name>" + permission
                        + "</name>\\s*</customPermissions>");
        assertThat(read(SOURCE.resolve("classes/PrmSyncWebhook.cls")))
                .contains("INTEGRATION_PERMISSION = '" + permission + "'")
                .contains("FeatureManagement.checkPermission(INTEGRATION_PERMISSION)");
    }

    /** Salesforce refuses to deploy a permission set or custom permission described in more than 255 characters. */
    @Test
    void descriptionsFitTheirMetadataLimit() throws IOException {
        Pattern description = Pattern.compile("<description>(.*?)</description>", Pattern.DOTALL);
        try (Stream<Path> files = Files.walk(Path.of("salesforce"))) {
            files.filter(f -> f.toString().endsWith(".permissionset-meta.xml")
                            || f.toString().endsWith(".customPermission-meta.xml"))
                    .forEach(f -> {
                        Matcher matcher = description.matcher(read(f));
                        while (matcher.find()) {
                            assertThat(matcher.group(1).length())
                                    .as(f.toString())
                                    .isLessThanOrEqualTo(255);
                        }
                    });
        }
    }

    /** A copy of the package with one file edited, removed or added. */
    abstract static class BrokenCopy {

        @TempDir
        Path copy;

        Path broken() {
            copyTree(SOURCE, copy);
            return copy;
        }

        void edit(String file, String from, String to) {
            Path path = copy.resolve(file);
            String text = read(path);
            assertThat(text).as(file).contains(from);
            write(path, text.replace(from, to));
        }

        void delete(String file) {
            try {
                Files.delete(copy.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Nested
    class ObjectsAndFields extends BrokenCopy {

        @Test
        void aCustomFieldTheMappingsNameIsMissing() {
            broken();
            delete("objects/Account/fields/Partner_Tier__c.field-meta.xml");

            assertThat(problems(copy))
                    .containsExactly(
                            "partner-accounts.yaml: Account.Partner_Tier__c: the package does not define this custom field");
        }

        @Test
        void theCustomObjectIsMissing() {
            broken();
            delete("objects/Partner_Certification__c/Partner_Certification__c.object-meta.xml");

            assertThat(problems(copy))
                    .containsExactly(
                            "certifications.yaml: Partner_Certification__c: the package defines no custom object"
                                    + " Partner_Certification__c");
        }

        @Test
        void theRecordTypeIsMissing() {
            broken();
            delete("objects/Lead/recordTypes/Deal_Registration.recordType-meta.xml");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead: the package defines no record type"
                            + " Deal_Registration (salesforce.record-type)");
        }
    }

    @Nested
    class TypesAndLengths extends BrokenCopy {

        @Test
        void aTextFieldShorterThanThePrmColumnWrittenToIt() {
            broken();
            edit(
                    "objects/Partner_Certification__c/fields/Holder_Name__c.field-meta.xml",
                    "<length>255</length>",
                    "<length>100</length>");

            assertThat(problems(copy))
                    .containsExactly("certifications.yaml: Partner_Certification__c.Holder_Name__c: holds 100"
                            + " characters, but certification.holder_name holds 255 and is written to it: longer"
                            + " values are refused (STRING_TOO_LONG)");
        }

        @Test
        void aTextFieldLongerThanThePrmColumnReadFromIt() {
            broken();
            edit(
                    "objects/Lead/fields/Rejection_Reason__c.field-meta.xml",
                    "<length>255</length>",
                    "<length>2000</length>");
            edit(
                    "objects/Lead/fields/Rejection_Reason__c.field-meta.xml",
                    "<type>Text</type>",
                    "<type>LongTextArea</type>");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead.Rejection_Reason__c: holds 2000 characters, but"
                            + " deal_registration.rejection_reason holds 1000: longer values read from Salesforce"
                            + " cannot be stored");
        }

        @Test
        void aDateMappedToACheckbox() {
            broken();
            edit(
                    "objects/Lead/fields/Expected_Close_Date__c.field-meta.xml",
                    "<type>Date</type>",
                    "<type>Checkbox</type>");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead.Expected_Close_Date__c: is a Checkbox field,"
                            + " which deal_registration.expected_close_date (date) cannot carry");
        }

        @Test
        void aNumberMappedToText() {
            broken();
            edit("objects/Lead/fields/Deal_Amount__c.field-meta.xml", "<type>Currency</type>", "<type>Text</type>");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead.Deal_Amount__c: is a Text field, which"
                            + " deal_registration.amount (decimal) cannot carry");
        }

        @Test
        void aPicklistValueLongerThanThePrmColumn() {
            broken();
            edit(
                    "objects/Lead/fields/Registration_Status__c.field-meta.xml",
                    "<fullName>Withdrawn</fullName>",
                    "<fullName>Withdrawn by the partner</fullName>");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead.Registration_Status__c: has a value of 24"
                            + " characters, but deal_registration.registration_status holds 16: longer values read"
                            + " from Salesforce cannot be stored");
        }

        @Test
        void anExternalIdNotMarkedAsOne() {
            broken();
            edit(
                    "objects/ChannelProgramLevel/fields/PRM_Tier_Code__c.field-meta.xml",
                    "<externalId>true</externalId>",
                    "<externalId>false</externalId>");

            assertThat(problems(copy))
                    .containsExactly("tier-levels.yaml: ChannelProgramLevel.PRM_Tier_Code__c: is the mapping's"
                            + " external-id, so it must be a Text field marked External ID");
        }

        @Test
        void aReferenceThatIsNoLookupToTheParent() {
            broken();
            edit(
                    "objects/Partner_Certification__c/fields/Account__c.field-meta.xml",
                    "<referenceTo>Account</referenceTo>",
                    "<referenceTo>Contact</referenceTo>");

            assertThat(problems(copy))
                    .containsExactly("certifications.yaml: Partner_Certification__c.Account__c: must be a lookup to"
                            + " Account (reference: partner-account), not a Lookup to Contact");
        }
    }

    @Nested
    class Permissions extends BrokenCopy {

        static final String PERMISSIONS = "permissionsets/PRM_Sync_Integration.permissionset-meta.xml";

        @Test
        void aFieldTheServiceReadsIsNotGranted() {
            broken();
            edit(PERMISSIONS, """
                        <fieldPermissions>
                            <editable>false</editable>
                            <field>Opportunity.Amount</field>
                            <readable>true</readable>
                        </fieldPermissions>
                    """, "");

            assertThat(problems(copy))
                    .containsExactly("deal-outcomes.yaml: Opportunity.Amount: the permission set does not grant read"
                            + " access, and the service reads it");
        }

        @Test
        void aFieldTheServiceWritesIsReadOnly() {
            broken();
            edit(
                    PERMISSIONS,
                    "<editable>true</editable>\n        <field>Account.Partner_Tier__c</field>",
                    "<editable>false</editable>\n        <field>Account.Partner_Tier__c</field>");

            assertThat(problems(copy))
                    .containsExactly("partner-accounts.yaml: Account.Partner_Tier__c: the permission set grants no"
                            + " edit access, and the service writes it");
        }

        @Test
        void aFieldTheServiceNeverWritesIsEditable() {
            broken();
            edit(
                    PERMISSIONS,
                    "<editable>false</editable>\n        <field>Opportunity.PRM_Deal_Id__c</field>",
                    "<editable>true</editable>\n        <field>Opportunity.PRM_Deal_Id__c</field>");

            assertThat(problems(copy))
                    .containsExactly("deal-outcomes.yaml: Opportunity.PRM_Deal_Id__c: the permission set grants edit"
                            + " access, but the service never writes it");
        }

        @Test
        void aFieldNoMappingUsesIsGranted() {
            broken();
            edit(PERMISSIONS, "    <hasActivationRequired>", """
                        <fieldPermissions>
                            <editable>false</editable>
                            <field>Account.Fax</field>
                            <readable>true</readable>
                        </fieldPermissions>
                        <hasActivationRequired>""");

            assertThat(problems(copy))
                    .containsExactly("PRM_Sync_Integration.permissionset-meta.xml: Account.Fax: the permission set"
                            + " grants access to a field no mapping uses (or one field-level security does not apply"
                            + " to, which does not deploy)");
        }

        @Test
        void anObjectTheServiceOnlyReadsIsWritable() {
            broken();
            edit(
                    PERMISSIONS,
                    "<allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n"
                            + "        <allowEdit>false</allowEdit>\n        <allowRead>true</allowRead>\n"
                            + "        <modifyAllRecords>false</modifyAllRecords>\n        <object>Opportunity</object>",
                    "<allowCreate>true</allowCreate>\n        <allowDelete>false</allowDelete>\n"
                            + "        <allowEdit>true</allowEdit>\n        <allowRead>true</allowRead>\n"
                            + "        <modifyAllRecords>false</modifyAllRecords>\n        <object>Opportunity</object>");

            assertThat(problems(copy))
                    .containsExactly("deal-outcomes.yaml: Opportunity: the permission set grants create or edit"
                            + " access, but the service never writes it");
        }

        @Test
        void deletingIsNeverGranted() {
            broken();
            edit(
                    PERMISSIONS,
                    "<allowDelete>false</allowDelete>\n        <allowEdit>true</allowEdit>\n"
                            + "        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n"
                            + "        <object>Lead</object>",
                    "<allowDelete>true</allowDelete>\n        <allowEdit>true</allowEdit>\n"
                            + "        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n"
                            + "        <object>Lead</object>");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead: the permission set grants delete or Modify All,"
                            + " but the service never deletes");
        }

        @Test
        void theRecordTypeTheServiceCreatesIsNotVisible() {
            broken();
            edit(PERMISSIONS, "<visible>true</visible>", "<visible>false</visible>");

            assertThat(problems(copy))
                    .containsExactly("deal-registrations.yaml: Lead.Deal_Registration: the permission set does not"
                            + " make this record type visible, and the service creates records of it");
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
