package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SimulatedFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Partner accounts synced both ways. */
@SuppressWarnings({"unchecked", "rawtypes"})
abstract class PartnerAccountSyncContract extends SandboxSyncContract {

    @Test
    void bringsPartnerAccountsSharingOneStampAcrossSeveralPages() {
        List<String> ids = insertPartnersWithOneStamp(450);
        salesforce.org().insert("Account", Map.of("Name", tag + " customer", "IsPartner", false));
        long pagesBefore = salesforce.counters().count(Endpoint.QUERY_MORE);

        sync.inbound(FLOW);

        assertThat(prmNamesLike(tag)).hasSize(450).doesNotContain(tag + " customer");
        assertThat(salesforce.counters().count(Endpoint.QUERY_MORE) - pagesBefore)
                .isGreaterThanOrEqualTo(2);
        assertThat(prmKeyOf(ids.get(449))).isEqualTo("SF-" + ids.get(449));
    }

    @Test
    void aRunCutOffMidStampResumesWithoutLosingOrRereadingRows() {
        insertPartnersWithOneStamp(450);
        // An expired cursor is not worth retrying: the run ends, the next one resumes from the watermark.
        salesforce
                .faults()
                .failNext(
                        Endpoint.QUERY_MORE,
                        1,
                        SimulatedFailure.httpError(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));

        sync.inbound(FLOW);
        int appliedBeforeFailure = prmNamesLike(tag).size();
        sync.inbound(FLOW);

        assertThat(appliedBeforeFailure).isBetween(200, 449);
        assertThat(prmNamesLike(tag)).hasSize(450);
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
    }

    @Test
    void pagesShorterThanAskedForLoseNoRowOfAGroupSharingOneStampWhenARunIsCutOff() {
        insertPartnersWithOneStamp(450);
        // Salesforce answers 70 records a page where 200 were asked for, and the third next-page call fails.
        salesforce.faults().shortenQueryPages(70);
        salesforce
                .faults()
                .afterServing(
                        Endpoint.QUERY_MORE,
                        2,
                        () -> salesforce
                                .faults()
                                .failNext(
                                        Endpoint.QUERY_MORE,
                                        1,
                                        SimulatedFailure.httpError(
                                                400, "INVALID_QUERY_LOCATOR", "invalid query locator")));

        sync.inbound(FLOW);
        int appliedBeforeFailure = prmNamesLike(tag).size();
        sync.inbound(FLOW);

        assertThat(appliedBeforeFailure).as("three short pages kept").isEqualTo(210);
        assertThat(prmNamesLike(tag)).hasSize(450);
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("SELECT records_done FROM sync_run WHERE flow = :f AND direction = 'INBOUND'"
                                + " ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                        .param("f", FLOW)
                        .query(Long.class)
                        .single())
                .as("the second run reads on from the last kept row of the shared stamp, not from its start")
                .isEqualTo(240);
    }

    @Test
    void softDeletesAnAccountDeletedInSalesforce() {
        String id = salesforce.org().insert("Account", partner(tag + " leaving", "P-" + tag));
        sync.inbound(FLOW);

        salesforce.org().delete(id);
        sync.inbound(FLOW);
        sync.outbound(FLOW);

        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM partner_account WHERE partner_id = :k")
                        .param("k", "P-" + tag)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE record_key = :k")
                        .param("k", "P-" + tag)
                        .query(Long.class)
                        .single())
                .as("no deactivation sent to the deleted record")
                .isZero();
    }

    @Test
    void anEditInSalesforceIsWrittenOnceAndThenQuiet() {
        String id = salesforce.org().insert("Account", partner(tag + " old", "P-" + tag));
        sync.settle(FLOW);
        long writesBefore = collectionWrites();

        salesforce.org().update(id, Map.of("Name", tag + " new"));
        sync.inbound(FLOW);
        Instant updatedAt = prmUpdatedAt("P-" + tag);
        sync.outbound(FLOW);
        sync.inbound(FLOW);

        assertThat(prmNamesLike(tag)).containsExactly(tag + " new");
        assertThat(collectionWrites()).isEqualTo(writesBefore);
        assertThat(prmUpdatedAt("P-" + tag)).isEqualTo(updatedAt);
    }

    @Test
    void anEditInThePrmStoreIsWrittenOnceAndThenQuiet() {
        String id = salesforce.org().insert("Account", partner(tag + " co", "P-" + tag));
        sync.settle(FLOW);
        long writesBefore = collectionWrites();

        jdbc.sql("UPDATE partner_account SET description = 'portal text', updated_at = CURRENT_TIMESTAMP"
                        + " WHERE partner_id = :k")
                .param("k", "P-" + tag)
                .update();
        sync.outbound(FLOW);
        Instant updatedAt = prmUpdatedAt("P-" + tag);
        sync.inbound(FLOW);
        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Description"))
                .isEqualTo("portal text");
        assertThat(collectionWrites()).isEqualTo(writesBefore + 1);
        assertThat(prmUpdatedAt("P-" + tag)).isEqualTo(updatedAt);
    }

    @Test
    void anOutboundRunDoesNotUndoALatestWinsChangeMadeInSalesforce() {
        String id = salesforce.org().insert("Account", withWebsite(partner(tag + " web", "P-" + tag), "old.example"));
        sync.settle(FLOW);

        salesforce.org().update(id, Map.of("Website", "new.example"));
        jdbc.sql("UPDATE partner_account SET description = 'portal edit', updated_at = CURRENT_TIMESTAMP"
                        + " WHERE partner_id = :k")
                .param("k", "P-" + tag)
                .update();
        sync.outbound(FLOW);
        sync.inbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Website"))
                .isEqualTo("new.example");
        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("new.example");
    }

    @Test
    void aLatestWinsEditInThePrmStoreStillGoesOutWhenAnInboundRunReadsTheRecordFirst() {
        String id = salesforce.org().insert("Account", withWebsite(partner(tag + " first", "P-" + tag), "old.example"));
        sync.settle(FLOW);

        editInPrm("website", "portal.example", java.time.OffsetDateTime.now());
        salesforce.org().update(id, Map.of("Name", tag + " renamed"));
        sync.inbound(FLOW);
        sync.outbound(FLOW);
        sync.inbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Website"))
                .isEqualTo("portal.example");
        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("portal.example");
        assertThat(prmNamesLike(tag)).containsExactly(tag + " renamed");
    }

    @Test
    void anEditOfARecordTheIntegrationUserMayNotWriteIsDeadLetteredAndTheRestOfItsBatchIsSaved() {
        String locked = salesforce.org().insert("Account", partner(tag + " locked", "P-" + tag + "-locked"));
        String open = salesforce.org().insert("Account", partner(tag + " open", "P-" + tag + "-open"));
        sync.settle(FLOW);
        salesforce.org().makeReadOnly(locked);
        try {
            jdbc.sql("UPDATE partner_account SET description = 'edited', updated_at = CURRENT_TIMESTAMP"
                            + " WHERE partner_id IN (:k)")
                    .param("k", List.of("P-" + tag + "-locked", "P-" + tag + "-open"))
                    .update();

            sync.outbound(FLOW);

            assertThat(jdbc.sql("SELECT error_code FROM dead_letter WHERE record_key = :k")
                            .param("k", "P-" + tag + "-locked")
                            .query(String.class)
                            .list())
                    .containsExactly("INSUFFICIENT_ACCESS_OR_READONLY");
            assertThat(salesforce.org().findById(open).orElseThrow().get("Description"))
                    .isEqualTo("edited");
            assertThat(salesforce.org().findById(locked).orElseThrow().get("Description"))
                    .isNotEqualTo("edited");
        } finally {
            salesforce.org().restoreWriteAccess();
        }
    }

    @Test
    void aPartnerADuplicateRuleFlagsIsDeadLetteredAndTheRestOfItsBatchIsSaved() {
        salesforce.org().insert("Account", Map.of("Name", tag + " twin"));
        salesforce.org().activateDuplicateRule("Account", "Name");
        try {
            insertPrmPartner("P-" + tag + "-twin", tag + " twin");
            insertPrmPartner("P-" + tag + "-single", tag + " single");

            sync.outbound(FLOW);

            assertThat(jdbc.sql("SELECT error_code FROM dead_letter WHERE record_key = :k")
                            .param("k", "P-" + tag + "-twin")
                            .query(String.class)
                            .list())
                    .containsExactly("DUPLICATES_DETECTED");
            assertThat(salesforce.org().findByField("Account", "PRM_Partner_Id__c", "P-" + tag + "-single"))
                    .hasSize(1);
        } finally {
            salesforce.org().deactivateDuplicateRules();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.prmsync.store.FieldChangeStamps fieldChanges;

    @org.springframework.beans.factory.annotation.Autowired
    io.prmsync.sync.run.SyncFlows flows;

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @Test
    void theFieldChangeTriggersAreInstalledAgainAtEveryStartAndStampTheWritersTime() {
        List<io.prmsync.mapping.EntityMapping> mappings =
                flows.names().stream().map(flow -> flows.mapper(flow).mapping()).toList();
        assertThat(fieldChanges.watch(mappings))
                .as("a restart installs them again")
                .isTrue();
        salesforce.org().insert("Account", withWebsite(partner(tag + " stamped", "P-" + tag), "old.example"));
        sync.settle(FLOW);
        java.time.OffsetDateTime at = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .minusMinutes(3)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        editInPrm("website", "portal.example", at);
        editInPrm("description", "not watched", java.time.OffsetDateTime.now());

        assertThat(fieldChanges.changedAt("partner_account", "P-" + tag, "website"))
                .contains(at.toInstant());
        assertThat(fieldChanges.changedAt("partner_account", "P-" + tag, "description"))
                .isEmpty();
    }

    /**
     * On PostgreSQL the trigger is entered only when a watched column changed (its {@code WHEN} condition), and a
     * trigger installed by an older version, without one, is replaced at start-up.
     */
    @Test
    void onPostgresqlAnOlderTriggerIsReplacedByOneEnteredOnlyWhenAWatchedColumnChanged() throws Exception {
        try (var connection = dataSource.getConnection()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    connection.getMetaData().getDatabaseProductName().contains("PostgreSQL"), "PostgreSQL only");
        }
        String definition = jdbc.sql(
                        "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'prm_sync_field_change'"
                                + " AND tgrelid = to_regclass('partner_account')")
                .query(String.class)
                .single();
        assertThat(definition).contains(" WHEN (").contains("(old.website)::text IS DISTINCT FROM (new.website)::text");
        String older = definition.substring(0, definition.indexOf(" WHEN ("))
                + definition.substring(definition.indexOf(" EXECUTE FUNCTION"));
        jdbc.sql("DROP TRIGGER prm_sync_field_change ON partner_account").update();
        jdbc.sql(older).update();

        List<io.prmsync.mapping.EntityMapping> mappings =
                flows.names().stream().map(flow -> flows.mapper(flow).mapping()).toList();
        assertThat(fieldChanges.watch(mappings)).isTrue();

        assertThat(jdbc.sql("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'prm_sync_field_change'"
                                + " AND tgrelid = to_regclass('partner_account')")
                        .query(String.class)
                        .single())
                .isEqualTo(definition);
    }

    @Test
    void aFieldChangeStampThatCannotBeWrittenNeverFailsThePortalsOwnWrite() {
        salesforce.org().insert("Account", withWebsite(partner(tag + " unstamped", "P-" + tag), "old.example"));
        sync.settle(FLOW);
        jdbc.sql("ALTER TABLE prm_field_change RENAME TO prm_field_change_away").update();
        try {
            editInPrm("website", "portal.example", java.time.OffsetDateTime.now());
        } finally {
            jdbc.sql("ALTER TABLE prm_field_change_away RENAME TO prm_field_change")
                    .update();
        }

        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("portal.example");
    }

    @Test
    void aConflictIsDecidedByWhenThatFieldChangedNotByALaterEditOfAnotherColumn() {
        String id = salesforce.org().insert("Account", withWebsite(partner(tag + " field", "P-" + tag), "old.example"));
        sync.settle(FLOW);

        editInPrm("website", "portal.example", java.time.OffsetDateTime.now().minusMinutes(5));
        salesforce.org().update(id, Map.of("Website", "salesforce.example"));
        // The portal edits another column after the Salesforce edit: the row is younger, its website is not.
        editInPrm("description", "edited later", java.time.OffsetDateTime.now().plusSeconds(1));
        sync.inbound(FLOW);

        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("salesforce.example");
        assertThat(prmColumn("P-" + tag, "description")).isEqualTo("edited later");
        assertThat(jdbc.sql("SELECT winner FROM sync_conflict WHERE prm_key = :k")
                        .param("k", "P-" + tag)
                        .query(String.class)
                        .list())
                .containsExactly("salesforce");
    }

    @Test
    void aLatestWinsFieldChangedOnBothSidesIsARecordedConflictTheLaterChangeWins() {
        String id = salesforce.org().insert("Account", withWebsite(partner(tag + " both", "P-" + tag), "old.example"));
        sync.settle(FLOW);

        editInPrm("website", "portal.example", java.time.OffsetDateTime.now().minusMinutes(5));
        salesforce.org().update(id, Map.of("Website", "salesforce.example"));
        sync.inbound(FLOW);
        sync.outbound(FLOW);

        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("salesforce.example");
        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Website"))
                .isEqualTo("salesforce.example");
        assertThat(conflictsOf("P-" + tag)).containsExactly("website:portal.example->salesforce.example:salesforce");
        List<Map<String, Object>> listed = http.exchange(
                        "/api/conflicts?prmKey=P-" + tag, HttpMethod.GET, new HttpEntity<>(authorized()), List.class)
                .getBody();
        assertThat(listed).singleElement().satisfies(conflict -> {
            assertThat(conflict)
                    .containsEntry("field", "website")
                    .containsEntry("prmValue", "portal.example")
                    .containsEntry("salesforceValue", "salesforce.example")
                    .containsEntry("winner", "salesforce");
        });
    }

    @Test
    void anOutboundRunBeforeTheInboundRunDoesNotOverwriteALaterSalesforceEditOfTheSameField() {
        String id = salesforce.org().insert("Account", withWebsite(partner(tag + " race", "P-" + tag), "old.example"));
        sync.settle(FLOW);

        editInPrm("website", "portal.example", java.time.OffsetDateTime.now().minusMinutes(5));
        // A later edit of another column: the row is young, its website is not.
        editInPrm("description", "sent along", java.time.OffsetDateTime.now());
        salesforce.org().update(id, Map.of("Website", "salesforce.example"));
        long queriesBefore = salesforce.counters().count(io.prmsync.sandbox.Endpoint.QUERY);
        long compositesBefore = salesforce.counters().count(io.prmsync.sandbox.Endpoint.COMPOSITE);
        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(id)).get().satisfies(record -> {
            assertThat(record.get("Website")).isEqualTo("salesforce.example");
            assertThat(record.get("Description")).isEqualTo("sent along");
        });
        // The record's current values were read in a composite call, its query in the request body.
        assertThat(salesforce.counters().count(io.prmsync.sandbox.Endpoint.COMPOSITE) - compositesBefore)
                .isEqualTo(1);
        assertThat(salesforce.counters().count(io.prmsync.sandbox.Endpoint.QUERY) - queriesBefore)
                .isZero();
        sync.inbound(FLOW);
        sync.outbound(FLOW);
        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("salesforce.example");
        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Website"))
                .isEqualTo("salesforce.example");
        assertThat(conflictsOf("P-" + tag)).containsExactly("website:portal.example->salesforce.example:salesforce");
    }

    @Test
    void anOutboundRunSendsALaterPrmEditOfAFieldSalesforceAlsoChangedAndRecordsTheConflict() {
        String id = salesforce.org().insert("Account", withWebsite(partner(tag + " later", "P-" + tag), "old.example"));
        sync.settle(FLOW);

        java.time.Clock clock = salesforce.org().clock();
        salesforce.org().useClock(java.time.Clock.offset(clock, java.time.Duration.ofMinutes(-1)));
        try {
            salesforce.org().update(id, Map.of("Website", "salesforce.example"));
        } finally {
            salesforce.org().useClock(clock);
        }
        editInPrm("website", "portal.example", java.time.OffsetDateTime.now());
        sync.outbound(FLOW);
        sync.inbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("Website"))
                .isEqualTo("portal.example");
        assertThat(prmColumn("P-" + tag, "website")).isEqualTo("portal.example");
        assertThat(conflictsOf("P-" + tag)).containsExactly("website:portal.example->salesforce.example:prm");
    }

    @Test
    void aDeletionTheRecycleBinNoLongerShowsIsFoundByIdAfterALongOutage() {
        String purged = salesforce.org().insert("Account", partner(tag + " purged", "P-" + tag + "-purged"));
        salesforce.org().insert("Account", partner(tag + " kept", "P-" + tag + "-kept"));
        sync.settle(FLOW);
        salesforce.org().delete(purged);
        salesforce.org().purge(purged);
        // The flow last swept three weeks ago: queryAll cannot show deletions that old any more.
        lastSweptDaysAgo(21);

        sync.inbound(FLOW);

        assertThat(prmNamesLike(tag)).containsExactly(tag + " kept");
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(lastSwept()).isAfter(java.time.Instant.now().minusSeconds(60));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_sweep_live_id")
                        .query(Integer.class)
                        .single())
                .as("the ids a sweep saw are forgotten after it")
                .isZero();
    }

    @Test
    void aQuietFlowSweepsOncePerRecycleBinRetentionNotOnEveryRun() {
        salesforce.org().insert("Account", partner(tag + " quiet", "P-" + tag + "-quiet"));
        sync.settle(FLOW);
        // Nothing changed for three weeks: the watermark is old, but the flow swept yesterday.
        jdbc.sql("UPDATE sync_watermark SET stamp = :stamp WHERE flow = :f AND direction = 'INBOUND'")
                .param("stamp", java.time.OffsetDateTime.now().minusDays(21))
                .param("f", FLOW)
                .update();
        lastSweptDaysAgo(1);

        long liveIdQueries = salesforce.counters().count(Endpoint.QUERY);
        sync.inbound(FLOW);
        sync.inbound(FLOW);
        assertThat(salesforce.counters().count(Endpoint.QUERY)).isEqualTo(liveIdQueries);

        lastSweptDaysAgo(15);
        sync.inbound(FLOW);
        sync.inbound(FLOW);
        assertThat(salesforce.counters().count(Endpoint.QUERY))
                .as("one sweep, then none until the retention has passed again")
                .isEqualTo(liveIdQueries + 1);
        assertThat(prmNamesLike(tag)).containsExactly(tag + " quiet");
    }

    private void lastSweptDaysAgo(int days) {
        jdbc.sql("UPDATE sync_sweep SET swept_at = :at WHERE flow = :f")
                .param("at", java.time.OffsetDateTime.now().minusDays(days))
                .param("f", FLOW)
                .update();
    }

    private java.time.Instant lastSwept() {
        return jdbc.sql("SELECT swept_at FROM sync_sweep WHERE flow = :f")
                .param("f", FLOW)
                .query((rs, n) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }

    @Test
    void theReconciliationNamesWhatIsMissingOrDiffersOnEitherSide() {
        String paired = salesforce.org().insert("Account", partner(tag + " paired", "P-" + tag + "-paired"));
        sync.settle(FLOW);
        salesforce.org().update(paired, Map.of("Phone", "+1 555 0199"));
        insertPrmPartner("P-" + tag + "-portal-only", tag + " portal only");
        String orgOnly = salesforce.org().insert("Account", partner(tag + " org only", "P-" + tag + "-org-only"));

        Map<String, Object> report = http.exchange(
                        "/api/sync/" + FLOW + "/reconciliation",
                        HttpMethod.GET,
                        new HttpEntity<>(authorized()),
                        Map.class)
                .getBody();

        assertThat((List<String>) report.get("missingInSalesforce")).contains("P-" + tag + "-portal-only");
        assertThat((List<String>) report.get("missingInPrm")).contains(orgOnly);
        assertThat((List<Map<String, Object>>) report.get("differing"))
                .filteredOn(d -> ("P-" + tag + "-paired").equals(d.get("prmKey")))
                .singleElement()
                .satisfies(d ->
                        assertThat(d.get("fields").toString()).contains("phone").contains("+1 555 0199"));
        assertThat(((Number) report.get("unexplained")).longValue()).isGreaterThanOrEqualTo(3);

        sync.settle(FLOW);
        Map<String, Object> after = http.exchange(
                        "/api/sync/" + FLOW + "/reconciliation",
                        HttpMethod.GET,
                        new HttpEntity<>(authorized()),
                        Map.class)
                .getBody();
        assertThat((List<String>) after.get("missingInSalesforce")).doesNotContain("P-" + tag + "-portal-only");
        assertThat((List<String>) after.get("missingInPrm")).doesNotContain(orgOnly);
        assertThat(http.exchange(
                                "/api/sync/no-such-flow/reconciliation",
                                HttpMethod.GET,
                                new HttpEntity<>(authorized()),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void aPrmRowSalesforceAlreadyHoldsIsPairedAndUpdatedNotWrittenOverSalesforcesOwnFields() {
        Map<String, Object> fields = partner(tag + " name in salesforce", "P-" + tag);
        fields.put("Industry", "Retail");
        String id = salesforce.org().insert("Account", fields);
        jdbc.sql("INSERT INTO partner_account (partner_id, name, industry, description, created_at, updated_at)"
                        + " VALUES (:k, :n, 'Mining', 'from the portal', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("k", "P-" + tag)
                .param("n", tag + " name in the portal")
                .update();

        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag)).singleElement().satisfies(account -> {
            assertThat(account.get("Id")).isEqualTo(id);
            assertThat(account.get("Name")).isEqualTo(tag + " name in salesforce");
            assertThat(account.get("Industry")).isEqualTo("Retail");
            assertThat(account.get("Description")).isEqualTo("from the portal");
        });
    }

    @Test
    void aPartnerRegisteredInThePrmStoreIsCreatedInSalesforceByItsExternalId() {
        insertPrmPartner("P-" + tag, tag + " new partner");

        sync.outbound(FLOW);
        sync.outbound(FLOW);

        List<Map<String, Object>> created = accountsWithExternalId("P-" + tag);
        assertThat(created).singleElement().satisfies(account -> {
            assertThat(account.get("Name")).isEqualTo(tag + " new partner");
            assertThat(account.get("IsPartner")).isEqualTo(true);
        });
    }

    @Test
    void aFailedWriteIsSentAgainEvenWhenLaterPagesHadNothingToSend() {
        insertPrmPartner("P-" + tag + "-real", tag + " real change");
        for (int i = 0; i < 250; i++) {
            salesforce.org().insert("Account", partner(tag + " echo " + i, "P-" + tag + "-echo-" + i));
        }
        sync.inbound(FLOW);
        salesforce
                .faults()
                .failNext(
                        Endpoint.COLLECTION_UPSERT,
                        1,
                        SimulatedFailure.httpError(400, "JSON_PARSER_ERROR", "Unexpected character"));

        sync.outbound(FLOW);
        assertThat(lastRunState("OUTBOUND")).isEqualTo("FAILED");
        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag + "-real")).hasSize(1);
    }

    private static Map<String, Object> withWebsite(Map<String, Object> fields, String website) {
        fields.put("Website", website);
        return fields;
    }

    private Object prmColumn(String key, String column) {
        return jdbc.sql("SELECT " + column + " FROM partner_account WHERE partner_id = :k")
                .param("k", key)
                .query((rs, n) -> rs.getObject(1))
                .single();
    }

    @Test
    void aRecordSalesforceRejectsIsDeadLetteredWhileTheRestOfItsBatchIsSaved() {
        salesforce
                .faults()
                .rejectRecords(
                        "Account",
                        "Name",
                        tag + " bad",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Partner name is not allowed");
        insertPrmPartner("P-" + tag + "-1", tag + " good one");
        insertPrmPartner("P-" + tag + "-2", tag + " bad");
        insertPrmPartner("P-" + tag + "-3", tag + " good two");

        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag + "-1")).hasSize(1);
        assertThat(accountsWithExternalId("P-" + tag + "-3")).hasSize(1);
        assertThat(accountsWithExternalId("P-" + tag + "-2")).isEmpty();
        assertThat(jdbc.sql("SELECT error_code FROM dead_letter WHERE record_key = :k AND status = 'OPEN'")
                        .param("k", "P-" + tag + "-2")
                        .query(String.class)
                        .list())
                .containsExactly("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(jdbc.sql("SELECT payload FROM dead_letter WHERE record_key = :k")
                        .param("k", "P-" + tag + "-2")
                        .query(String.class)
                        .single())
                .contains("\"Name\":\"" + tag + " bad\"");
    }

    @Test
    void aDeadLetterReplayedAfterItsCauseIsFixedSyncsTheRecordAndCloses() {
        salesforce
                .faults()
                .rejectRecords(
                        "Account",
                        "Name",
                        tag + " blocked",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Partner name is not allowed");
        insertPrmPartner("P-" + tag, tag + " blocked");
        sync.outbound(FLOW);
        List<Map<String, Object>> letters = http.exchange(
                        "/api/dead-letters?flow=partner-accounts"
                                + "&errorCode=FIELD_CUSTOM_VALIDATION_EXCEPTION&size=500",
                        HttpMethod.GET,
                        new HttpEntity<>(authorized()),
                        List.class)
                .getBody();
        Object id = letters.stream()
                .filter(l -> ("P-" + tag).equals(l.get("recordKey")))
                .findFirst()
                .orElseThrow()
                .get("id");

        salesforce.faults().clear();
        ResponseEntity<Map> replay = http.exchange(
                "/api/dead-letters/" + id + "/replay", HttpMethod.POST, new HttpEntity<>(authorized()), Map.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(accountsWithExternalId("P-" + tag)).hasSize(1));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT status FROM dead_letter WHERE id = :id")
                                .param("id", id)
                                .query(String.class)
                                .single())
                        .isEqualTo("RESOLVED"));
        assertThat(http.exchange(
                                "/api/dead-letters/" + id + "/replay",
                                HttpMethod.POST,
                                new HttpEntity<>(authorized()),
                                Map.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void anAccountBornInSalesforceIsStampedWithItsPrmKeyAndNotDuplicated() {
        String id = salesforce.org().insert("Account", Map.of("Name", tag + " born in sf", "IsPartner", true));

        sync.inbound(FLOW);
        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("PRM_Partner_Id__c"))
                .isEqualTo("SF-" + id);
        assertThat(accountsNamed(tag + " born in sf")).hasSize(1);
    }

    @Test
    void aPartnerDeletedInThePrmStoreIsDeactivatedInSalesforce() {
        String id = salesforce.org().insert("Account", partner(tag + " quitting", "P-" + tag));
        sync.settle(FLOW);

        jdbc.sql("UPDATE partner_account SET deleted_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE partner_id = :k")
                .param("k", "P-" + tag)
                .update();
        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("IsPartner"))
                .isEqualTo(false);
    }

    @Test
    void anExternalIdEditedInSalesforceDoesNotMoveTheRecordToAnotherRowAndIsWrittenBack() {
        String id = salesforce.org().insert("Account", partner(tag + " steady", "P-" + tag));
        sync.settle(FLOW);

        // Only the external id is edited: nothing else would send the record out again.
        salesforce.org().update(id, Map.of("PRM_Partner_Id__c", "P-" + tag + "-typo"));
        sync.inbound(FLOW);
        sync.inbound(FLOW);

        assertThat(prmNamesLike(tag)).containsExactly(tag + " steady");
        assertThat(jdbc.sql("SELECT field || ':' || salesforce_value || '->' || prm_value || ':' || winner"
                                + " FROM sync_conflict WHERE prm_key = :k")
                        .param("k", "P-" + tag)
                        .query(String.class)
                        .list())
                .containsExactly("PRM_Partner_Id__c:P-" + tag + "-typo->P-" + tag + ":prm");

        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("PRM_Partner_Id__c"))
                .isEqualTo("P-" + tag);
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE record_key = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aValueLongerThanTheSalesforceFieldBecomesADeadLetterNamingTheFieldAndTheOthersGoOut() {
        insertPrmPartner("P-" + tag + "-long", tag + " long phone");
        insertPrmPartner("P-" + tag + "-fine", tag + " fine phone");
        // The PRM store holds 64 characters of phone; Salesforce's Phone holds 40.
        jdbc.sql("UPDATE partner_account SET phone = :phone WHERE partner_id = :k")
                .param("phone", "+1 555 0100 ext. 1234567890 1234567890 123456")
                .param("k", "P-" + tag + "-long")
                .update();

        sync.outbound(FLOW);

        assertThat(accountsWithExternalId("P-" + tag + "-fine")).hasSize(1);
        assertThat(accountsWithExternalId("P-" + tag + "-long")).isEmpty();
        assertThat(jdbc.sql("SELECT error_code || ': ' || error_message FROM dead_letter"
                                + " WHERE record_key = :k AND status = 'OPEN'")
                        .param("k", "P-" + tag + "-long")
                        .query(String.class)
                        .single())
                .startsWith("STRING_TOO_LONG: ")
                .contains("Phone")
                .contains("max length=40");
        assertThat(lastRunState("OUTBOUND")).isEqualTo("SUCCEEDED");
    }

    @Test
    void theShippedMappingPassesTheOrgCheckWithALengthWarningAtItsLine() {
        Map<String, Object> report = checkAgainstTheOrg();

        assertThat(report).containsEntry("runs", true);
        assertThat((List<Map<String, Object>>) report.get("findings"))
                .extracting(f -> f.get("severity") + " " + f.get("where") + ": " + f.get("message"))
                .contains("WARNING config/mappings/partner-accounts.yaml line 27: partner_account.phone holds 64"
                        + " characters, Account.Phone 40: longer values are refused (STRING_TOO_LONG) and become"
                        + " dead letters")
                .noneMatch(text -> text.startsWith("PROBLEM"));
    }

    @Test
    void prmValuesTheRestrictedTierPicklistRefusesAreNamedByTheCheck() {
        insertPrmPartner("P-" + tag + "-diamond", tag + " diamond");
        jdbc.sql("UPDATE partner_account SET tier_code = 'DIAMOND' WHERE partner_id = :k")
                .param("k", "P-" + tag + "-diamond")
                .update();
        try {
            assertThat((List<Map<String, Object>>) checkAgainstTheOrg().get("findings"))
                    .extracting(f -> f.get("severity") + " " + f.get("message"))
                    .contains("WARNING partner_account.tier_code holds [DIAMOND], which the restricted picklist"
                            + " Account.Partner_Tier__c does not list: those records are refused"
                            + " (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST) and become dead letters");
        } finally {
            jdbc.sql("DELETE FROM partner_account WHERE partner_id = :k")
                    .param("k", "P-" + tag + "-diamond")
                    .update();
        }
    }

    @Test
    void aFieldHiddenFromTheIntegrationUserStopsTheFlowUntilACheckPasses() {
        salesforce.org().hideField("Account", "Phone");
        try {
            Map<String, Object> report = checkAgainstTheOrg();

            assertThat(report).containsEntry("runs", false);
            assertThat((List<Map<String, Object>>) report.get("findings"))
                    .extracting(f -> f.get("severity") + " " + f.get("where") + ": " + f.get("message"))
                    .contains("PROBLEM config/mappings/partner-accounts.yaml line 27: Account has no field Phone that"
                            + " the integration user can see");
            assertThat(pauseReason())
                    .contains("the org cannot serve the mapping")
                    .contains("Phone");
            String before = lastRunId();
            sync.inbound(FLOW);
            assertThat(lastRunId()).as("no run while stopped").isEqualTo(before);
            ResponseEntity<Map> onDemand = http.exchange(
                    "/api/sync/" + FLOW + "/run?direction=inbound",
                    HttpMethod.POST,
                    new HttpEntity<>(authorized()),
                    Map.class);
            assertThat(onDemand.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(onDemand.getBody().get("detail").toString())
                    .startsWith("Flow partner-accounts is stopped: the org cannot serve the mapping");
        } finally {
            salesforce.org().revealFields();
            // Whatever failed above, the flow runs again for the tests after this one.
            checkAgainstTheOrg();
        }

        assertThat(checkAgainstTheOrg()).containsEntry("runs", true);
        assertThat(pauseReason()).isNull();
        sync.inbound(FLOW);
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
    }

    private Map<String, Object> checkAgainstTheOrg() {
        ResponseEntity<Map> answer = http.exchange(
                "/api/sync/" + FLOW + "/check", HttpMethod.POST, new HttpEntity<>(authorized()), Map.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private String pauseReason() {
        List<Map<String, Object>> status = http.exchange(
                        "/api/sync/status", HttpMethod.GET, new HttpEntity<>(authorized()), List.class)
                .getBody();
        return status.stream()
                                .filter(flow ->
                                        FLOW.equals(flow.get("name")) && "inbound".equals(flow.get("direction")))
                                .findFirst()
                                .orElseThrow()
                                .get("pauseReason")
                        instanceof String reason
                ? reason
                : null;
    }

    private String lastRunId() {
        return jdbc.sql("SELECT run_id FROM sync_run WHERE flow = :f ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                .param("f", FLOW)
                .query(String.class)
                .optional()
                .orElse("");
    }

    @Test
    void unpairedRowsSalesforceAlreadyHoldsArePairedByExternalIdInOneCompositeCallPerPageOfRows() {
        Map<String, String> existing = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 450; i++) {
            String key = "P-" + tag + "-" + i;
            insertPrmPartner(key, tag + " portal " + i);
            if (i % 3 != 0) {
                existing.put(key, salesforce.org().insert("Account", partner(tag + " org " + i, key)));
            }
        }
        // Salesforce answers the lookups 70 records a page; the rest of each follows its locator.
        salesforce.faults().shortenQueryPages(70);
        long compositeBefore = salesforce.counters().count(Endpoint.COMPOSITE);
        long queriesBefore = salesforce.counters().count(Endpoint.QUERY);

        sync.outbound(FLOW);

        assertThat(salesforce.counters().count(Endpoint.COMPOSITE) - compositeBefore)
                .as("one lookup call for each page of 200 rows")
                .isEqualTo(3);
        assertThat(salesforce.counters().count(Endpoint.QUERY) - queriesBefore)
                .as("no key list in a URL")
                .isZero();
        assertThat(salesforce.org().records("Account").stream()
                        .filter(account ->
                                String.valueOf(account.get("PRM_Partner_Id__c")).startsWith("P-" + tag + "-"))
                        .count())
                .as("the 300 Salesforce holds were updated, not created again")
                .isEqualTo(450);
        existing.forEach((key, id) -> assertThat(accountsWithExternalId(key))
                .singleElement()
                .satisfies(account -> assertThat(account.get("Id")).isEqualTo(id)));
    }

    @Test
    void aPartnerDeletedInThePrmStoreAfterACrashLostItsPairingIsStillDeactivatedInSalesforce() {
        insertPrmPartner("P-" + tag, tag + " sent then deleted");
        sync.outbound(FLOW);
        String id = accountsWithExternalId("P-" + tag).get(0).get("Id").toString();
        // The upsert reached Salesforce, then the process died before the pairing was saved.
        jdbc.sql("DELETE FROM sync_record_state WHERE prm_key = :k")
                .param("k", "P-" + tag)
                .update();
        jdbc.sql("UPDATE partner_account SET deleted_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE partner_id = :k")
                .param("k", "P-" + tag)
                .update();

        sync.outbound(FLOW);

        assertThat(salesforce.org().findById(id))
                .get()
                .extracting(r -> r.get("IsPartner"))
                .isEqualTo(false);
    }

    @Test
    void aFullResyncFromTheAdminApiRestoresRowsAnIncrementalRunCannotSee() {
        salesforce.org().insert("Account", partner(tag + " restored", "P-" + tag));
        // Settled: the new partner's tier went out and came back, so nothing of it is left for an incremental run.
        sync.settle(FLOW);
        for (String table : List.of(
                "tier_history", "tier_membership", "engagement_history", "partner_engagement", "partner_account")) {
            jdbc.sql("DELETE FROM " + table + " WHERE partner_id = :k")
                    .param("k", "P-" + tag)
                    .update();
        }
        sync.inbound(FLOW);
        assertThat(prmNamesLike(tag)).isEmpty();

        ResponseEntity<Map> accepted = http.exchange(
                "/api/sync/partner-accounts/run?mode=full&direction=inbound",
                HttpMethod.POST,
                new HttpEntity<>(authorized()),
                Map.class);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String runId = ((List<String>) accepted.getBody().get("runIds")).get(0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> run = http.exchange(
                            "/api/sync/runs/" + runId, HttpMethod.GET, new HttpEntity<>(authorized()), Map.class)
                    .getBody();
            assertThat(run).containsEntry("state", "SUCCEEDED").containsEntry("mode", "full");
            assertThat(((Number) run.get("done")).longValue()).isEqualTo(((Number) run.get("total")).longValue());
        });
        assertThat(prmNamesLike(tag)).containsExactly(tag + " restored");

        List<Map<String, Object>> history = http.exchange(
                        "/api/sync/runs?flow=partner-accounts&direction=inbound&size=5",
                        HttpMethod.GET,
                        new HttpEntity<>(authorized()),
                        List.class)
                .getBody();
        assertThat(history).hasSizeBetween(2, 5);
        assertThat(history.get(0)).containsEntry("runId", runId).containsEntry("state", "SUCCEEDED");
        assertThat(history)
                .allSatisfy(run -> assertThat(run)
                        .containsEntry("flow", "partner-accounts")
                        .containsEntry("direction", "inbound"));
        assertThat(history)
                .extracting(run -> Instant.parse((String) run.get("startedAt")))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        ResponseEntity<Map> sideways = http.exchange(
                "/api/sync/runs?direction=sideways", HttpMethod.GET, new HttpEntity<>(authorized()), Map.class);
        assertThat(sideways.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(sideways.getBody().get("detail").toString()).contains("sideways");
    }

    @Test
    void theAdminApiRefusesCallsWithoutAValidTokenAndExplainsBadRequests() {
        long runsBefore = runCountOnceQuiet();
        ResponseEntity<Map> anonymous = http.postForEntity("/api/sync/partner-accounts/run", null, Map.class);
        ResponseEntity<Map> wrongToken =
                http.exchange("/api/sync/status", HttpMethod.GET, new HttpEntity<>(bearer("not-the-token")), Map.class);
        ResponseEntity<Map> unknownFlow =
                http.exchange("/api/sync/no-such-flow/run", HttpMethod.POST, new HttpEntity<>(authorized()), Map.class);
        ResponseEntity<Map> badMode = http.exchange(
                "/api/sync/partner-accounts/run?mode=sideways",
                HttpMethod.POST,
                new HttpEntity<>(authorized()),
                Map.class);
        ResponseEntity<Map> noSuchDirection = http.exchange(
                "/api/sync/tier-members/run?direction=inbound",
                HttpMethod.POST,
                new HttpEntity<>(authorized()),
                Map.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String disguised : List.of(
                "/api;x/sync/status",
                "/%61pi/sync/status",
                "/api/sync/status;x",
                "//api/sync/status",
                "/actuator/env",
                "/actuator/health/../../api/sync/status")) {
            assertThat(http.exchange(
                                    java.net.URI.create(http.getRootUri() + disguised),
                                    HttpMethod.GET,
                                    null,
                                    String.class)
                            .getStatusCode()
                            .value())
                    .as(disguised)
                    .isIn(400, 401, 404);
        }
        assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(runCount()).isEqualTo(runsBefore));
        assertThat(unknownFlow.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownFlow.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) unknownFlow.getBody().get("detail")).contains("no-such-flow", "partner-accounts");
        assertThat(badMode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) badMode.getBody().get("detail")).contains("sideways");
        assertThat(noSuchDirection.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) noSuchDirection.getBody().get("detail")).contains("no inbound route");
    }

    @Test
    void reportsEveryFlowInTheStatusApiAndIsHealthy() {
        ResponseEntity<List> status =
                http.exchange("/api/sync/status", HttpMethod.GET, new HttpEntity<>(authorized()), List.class);
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);

        assertThat(status.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat((List<Map<String, Object>>) status.getBody())
                .extracting(e -> e.get("name") + "/" + e.get("direction"))
                .contains("partner-accounts/inbound", "partner-accounts/outbound");
        assertThat((List<Map<String, Object>>) status.getBody())
                .allSatisfy(e -> assertThat(e).containsKeys("lastRunAt", "watermark", "recordsSynced", "failed"));
        assertThat((List<Map<String, Object>>) status.getBody())
                .extracting(e -> e.get("name") + "/" + e.get("direction"))
                .contains("tier-members/outbound", "deal-outcomes/inbound")
                .doesNotContain("tier-members/inbound", "deal-outcomes/outbound");
        assertThat(health.getBody()).containsEntry("status", "UP");
        Map<String, Object> usage = http.exchange(
                        "/api/sync/api-usage", HttpMethod.GET, new HttpEntity<>(authorized()), Map.class)
                .getBody();
        assertThat(((Number) usage.get("used")).longValue())
                .isBetween(1L, salesforce.org().apiUsage());
        assertThat(((Number) usage.get("limit")).longValue())
                .isEqualTo(salesforce.org().dailyApiLimit());
    }

    /** Each conflict of the record as field:prm value->Salesforce value:winner. */
    private List<String> conflictsOf(String key) {
        return jdbc.sql("SELECT field || ':' || prm_value || '->' || salesforce_value || ':' || winner"
                        + " FROM sync_conflict WHERE prm_key = :k ORDER BY detected_at")
                .param("k", key)
                .query(String.class)
                .list();
    }

    /** The portal edits one column of this test's partner, stamping the row as a portal write does. */
    private void editInPrm(String column, String value, java.time.OffsetDateTime at) {
        jdbc.sql("UPDATE partner_account SET " + column + " = :v, updated_at = :t WHERE partner_id = :k")
                .param("v", value)
                .param("t", at)
                .param("k", "P-" + tag)
                .update();
    }
}
