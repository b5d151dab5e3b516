package io.prmsync.salesforce;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.SalesforceRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Finds which of a batch of PRM keys Salesforce already holds, by external id, before anything is created: a row
 * the sync has no pairing for (the first run against an org that already carries PRM ids, or lost sync state)
 * must be updated with the fields the PRM store owns, not upserted with all of them over Salesforce's own.
 *
 * <p>The lookups travel in composite calls, their SOQL in the request body, {@value
 * SalesforceCalls#MAX_QUERIES_PER_CALL} queries a call: a page of 2,000 rows costs one API call instead of some 12
 * query calls with their key lists in the URL.
 */
@Component
public class ExternalIdPairing {

    private final SalesforceGateway salesforce;

    ExternalIdPairing(SalesforceGateway salesforce) {
        this.salesforce = salesforce;
    }

    /** PRM key → Salesforce id of the keys Salesforce holds. */
    public Map<String, String> existing(EntityMapping mapping, Collection<String> prmKeys) {
        Map<String, String> ids = new HashMap<>();
        List<String> queries = Soql.inLists(prmKeys, Soql.MAX_IN_LIST_CHARACTERS_IN_BODY).stream()
                .map(keys -> "SELECT Id, SystemModstamp, LastModifiedDate, " + mapping.externalIdField() + " FROM "
                        + mapping.sObject() + " WHERE " + mapping.externalIdField() + " IN (" + String.join(", ", keys)
                        + ")")
                .toList();
        salesforce
                .calls()
                .forEachPageOfAll(queries, page -> page.records().forEach(record -> pair(mapping, record, ids)));
        return ids;
    }

    private static void pair(EntityMapping mapping, SalesforceRecord record, Map<String, String> ids) {
        Object key = record.value(mapping.externalIdField());
        if (key != null) {
            ids.putIfAbsent(key.toString(), record.id());
        }
    }
}
