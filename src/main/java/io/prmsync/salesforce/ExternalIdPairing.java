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
 */
@Component
public class ExternalIdPairing {

    private final SalesforceGateway salesforce;

    ExternalIdPairing(SalesforceGateway salesforce) {
        this.salesforce = salesforce;
    }

    /**
     * PRM key → Salesforce id of the keys Salesforce holds: one query per {@value Soql#MAX_IN_LIST_CHARACTERS}
     * characters of keys, as a query travels in the URL, whose length Salesforce limits (16,384 characters).
     */
    public Map<String, String> existing(EntityMapping mapping, Collection<String> prmKeys) {
        Map<String, String> ids = new HashMap<>();
        for (List<String> keys : Soql.inLists(prmKeys)) {
            String soql = "SELECT Id, SystemModstamp, LastModifiedDate, " + mapping.externalIdField() + " FROM "
                    + mapping.sObject() + " WHERE " + mapping.externalIdField() + " IN (" + String.join(", ", keys)
                    + ")";
            // Every page: Salesforce may answer in pages shorter than the list.
            salesforce.calls().forEachPage(soql, page -> {
                for (SalesforceRecord record : page.records()) {
                    Object key = record.value(mapping.externalIdField());
                    if (key != null) {
                        ids.putIfAbsent(key.toString(), record.id());
                    }
                }
            });
        }
        return ids;
    }
}
