package io.prmsync.salesforce;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.SalesforceRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Finds which of a batch of PRM keys Salesforce already holds, by external id, before anything is created: a row
 * the sync has no pairing for (the first run against an org that already carries PRM ids, or lost sync state)
 * must be updated with the fields the PRM store owns, not upserted with all of them over Salesforce's own.
 */
@Component
public class ExternalIdPairing {

    private final SoqlQueries queries;

    ExternalIdPairing(SoqlQueries queries) {
        this.queries = queries;
    }

    /** PRM key → Salesforce id of the keys Salesforce holds (one query; at most one page of 2,000 keys). */
    public Map<String, String> existing(EntityMapping mapping, Collection<String> prmKeys) {
        Map<String, String> ids = new HashMap<>();
        if (prmKeys.isEmpty()) {
            return ids;
        }
        String soql = "SELECT Id, SystemModstamp, LastModifiedDate, " + mapping.externalIdField() + " FROM "
                + mapping.sObject() + " WHERE " + mapping.externalIdField() + " IN ("
                + prmKeys.stream().map(Soql::literal).collect(Collectors.joining(", ")) + ")";
        for (SalesforceRecord record : queries.firstPage(soql).records()) {
            Object key = record.value(mapping.externalIdField());
            if (key != null) {
                ids.putIfAbsent(key.toString(), record.id());
            }
        }
        return ids;
    }
}
