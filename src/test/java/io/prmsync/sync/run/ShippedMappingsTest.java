package io.prmsync.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.mapping.MappingLoader;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.support.MigratedStore;
import io.prmsync.yaml.ConfigInvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping files that ship in config/mappings fit the schema the migrations build, and refer to each other. */
class ShippedMappingsTest {

    private final MappingLoader loader =
            new MappingLoader(JdbcColumnCatalog.read(MigratedStore.create("shipped-mappings")));

    @Test
    void everyShippedMappingFitsTheMigratedSchema() {
        assertThat(SyncFlows.load(Path.of("config/mappings"), loader))
                .containsOnlyKeys(
                        "partner-accounts",
                        "certifications",
                        "deal-registrations",
                        "deal-outcomes",
                        "partner-activities",
                        "tier-levels",
                        "tier-members");
    }

    @Test
    void aRunSetRunsParentsBeforeTheFlowsThatReferenceThemAndCreatorsBeforeUpdaters() {
        var flows = SyncFlows.load(Path.of("config/mappings"), loader);

        // Named in name order, which puts every child before its parent.
        assertThat(SyncFlows.parentsFirst(
                        flows,
                        java.util.List.of("certifications", "deal-outcomes", "deal-registrations", "partner-accounts")))
                .containsExactly("partner-accounts", "certifications", "deal-registrations", "deal-outcomes");
        // Deal outcomes only update the deals deal registrations create.
        assertThat(SyncFlows.parentsFirst(flows, java.util.List.of("deal-outcomes", "deal-registrations")))
                .containsExactly("deal-registrations", "deal-outcomes");
    }

    @Test
    void theOpportunityAlternativeFitsTheMigratedSchema(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("config/mappings/partner-accounts.yaml"), dir.resolve("partner-accounts.yaml"));
        Files.copy(
                Path.of("config/mappings/examples/deal-registrations-as-opportunities.yaml"),
                dir.resolve("deal-registrations.yaml"));

        assertThat(SyncFlows.load(dir, loader)
                        .get("deal-registrations")
                        .mapping()
                        .sObject())
                .isEqualTo("Opportunity");
    }

    @Test
    void aReferenceToAnEntityNoMappingDefinesIsRefused(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("config/mappings/certifications.yaml"), dir.resolve("certifications.yaml"));

        assertThatThrownBy(() -> SyncFlows.load(dir, loader))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining(
                        "fields.partner_id.reference names entity 'partner-account', which no mapping" + " defines");
    }
}
