package io.prmsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.mapping.SalesforceRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkCsvTest {

    @Test
    void anUploadNamesEveryFieldAnyRecordSendsAndLeavesTheOthersUntouched() {
        Map<String, Object> renamed = new LinkedHashMap<>();
        renamed.put("Id", "001000000000001AAA");
        renamed.put("Name", "Acme, \"West\"");
        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("Id", "001000000000002AAA");
        cleared.put("AnnualRevenue", null);

        BulkCsv.Upload upload = BulkCsv.upload(List.of(renamed, cleared));
        String csv = text(upload.csv());

        assertThat(csv).isEqualTo("""
                "Id","Name","AnnualRevenue"
                "001000000000001AAA","Acme, ""West\"\"\",""
                "001000000000002AAA","","#N/A"
                """);
        assertThat(upload.bytes()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void anUploadLargerThanOneBufferReadsBackRowForRow() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("PRM_Partner_Id__c", "P-" + i);
            record.put("Description", "partner " + i + ", \"quoted\" and long enough to span buffers ".repeat(3));
            records.add(record);
        }

        List<Map<String, String>> read =
                all(BulkCsv.rows(BulkCsv.upload(records).csv()));

        assertThat(read).hasSize(20_000);
        for (int i = 0; i < read.size(); i += 997) {
            assertThat(read.get(i)).containsEntry("PRM_Partner_Id__c", "P-" + i).containsEntry("Description", (String)
                    records.get(i).get("Description"));
        }
        assertThat(read.get(19_999)).containsEntry("PRM_Partner_Id__c", "P-19999");
    }

    @Test
    void numbersAreWrittenPlainAndBooleansAsSalesforceReadsThem() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("AnnualRevenue", new BigDecimal("1E+6"));
        record.put("IsPartner", true);

        assertThat(text(BulkCsv.upload(List.of(record)).csv())).contains("\"1000000\",\"true\"");
    }

    @Test
    void readsRowsBackByColumnNameWithQuotedCommasAndLineBreaks() {
        List<Map<String, String>> rows = all(BulkCsv.rows(stream("""
                "Id","Name"
                "001A","Acme, Inc.
                West"
                "001B",""
                """)));

        assertThat(rows)
                .containsExactly(Map.of("Id", "001A", "Name", "Acme, Inc.\nWest"), Map.of("Id", "001B", "Name", ""));
    }

    @Test
    void aRowThatDoesNotMatchItsHeaderIsRefusedByName() {
        Iterator<Map<String, String>> rows = BulkCsv.rows(stream("Id,Name\n001A\n"));

        assertThatThrownBy(rows::next)
                .isInstanceOf(SalesforceResponseException.class)
                .hasMessageContaining("1 cells under a header of 2 columns");
    }

    @Test
    void aQueryRowBecomesTheSameRecordARestPageGives() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Id", "a01000000000001AAA");
        row.put("SystemModstamp", "2026-05-01T10:15:30.000Z");
        row.put("LastModifiedDate", "2026-05-01T10:15:29.000Z");
        row.put("IsDeleted", "false");
        row.put("Name", "Cert");
        row.put("Expires__c", "");
        row.put("Partner__r.PRM_Partner_Id__c", "P-1");
        row.put("Partner__r.Name", "Acme");
        row.put("Owner__r.Name", "");

        SalesforceRecord record = BulkQueryRecords.toRecord("Certification__c", row);

        assertThat(record.id()).isEqualTo("a01000000000001AAA");
        assertThat(record.systemModstamp()).isEqualTo(Instant.parse("2026-05-01T10:15:30Z"));
        assertThat(record.deleted()).isFalse();
        assertThat(record.value("Expires__c")).isNull();
        assertThat(record.value("Partner__r.PRM_Partner_Id__c")).isEqualTo("P-1");
        assertThat(record.value("Partner__r.Name")).isEqualTo("Acme");
        assertThat(record.fields()).containsEntry("Owner__r", null);
    }

    @Test
    void aDeletedRowIsMarkedDeleted() {
        Map<String, String> row = Map.of(
                "Id",
                "001A",
                "SystemModstamp",
                "2026-05-01T10:15:30.000Z",
                "LastModifiedDate",
                "2026-05-01T10:15:30.000Z",
                "IsDeleted",
                "true");

        assertThat(BulkQueryRecords.toRecord("Account", row).deleted()).isTrue();
    }

    @Test
    void aRowWithoutItsSystemStampsIsRefusedNamingTheRecord() {
        assertThatThrownBy(() -> BulkQueryRecords.toRecord("Account", Map.of("Id", "001A", "SystemModstamp", "")))
                .isInstanceOf(SalesforceResponseException.class)
                .hasMessageContaining("001A")
                .hasMessageContaining("SystemModstamp");
    }

    @Test
    void jobResultsAreMatchedToRecordsByTheirNamingColumn() {
        Map<String, WriteOutcome> saved = BulkWriteResults.successes(stream("""
                "sf__Id","sf__Created","PRM_Partner_Id__c","Name"
                "001A","true","P-1","One"
                "001B","false","P-2","Two"
                """), "PRM_Partner_Id__c");
        Map<String, WriteOutcome> failed = BulkWriteResults.failures(stream("""
                "sf__Id","sf__Error","PRM_Partner_Id__c","Name"
                "","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","P-3",""
                """), "PRM_Partner_Id__c");

        assertThat(saved)
                .containsEntry("P-1", new WriteOutcome.Saved("001A", true))
                .containsEntry("P-2", new WriteOutcome.Saved("001B", false));
        assertThat(failed.get("P-3"))
                .isEqualTo(new WriteOutcome.Rejected(
                        "REQUIRED_FIELD_MISSING",
                        "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",
                        Map.of("PRM_Partner_Id__c", "P-3", "Name", "")));
    }

    @Test
    void anErrorWithoutAStatusCodeStillNamesWhatSalesforceSaid() {
        assertThat(BulkWriteResults.rejection("something broke"))
                .isEqualTo(new WriteOutcome.Rejected("UNKNOWN_ERROR", "something broke"));
    }

    @Test
    void aResultWithoutTheNamingColumnIsRefused() {
        assertThatThrownBy(() -> BulkWriteResults.successes(stream("sf__Id,sf__Created\n001A,true\n"), "Id"))
                .isInstanceOf(SalesforceResponseException.class)
                .hasMessageContaining("Id column");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InputStream upload) {
        try (upload) {
            return new String(upload.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> all(Iterator<Map<String, String>> rows) {
        List<Map<String, String>> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        return list;
    }
}
