package io.prmsync.salesforce;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.SalesforceRecord;
import java.util.ArrayList;
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

    /** Encoded for the URL, quotes, commas and spaces grow the list by about half again. */
    static final int MAX_IN_LIST_CHARACTERS = 4_000;

    private final SalesforceGateway salesforce;

    ExternalIdPairing(SalesforceGateway salesforce) {
        this.salesforce = salesforce;
    }

    /**
     * PRM key → Salesforce id of the keys Salesforce holds: one query per {@value #MAX_IN_LIST_CHARACTERS}
     * characters of keys, as a query travels in the URL, whose length Salesforce limits (16,384 characters).
     */
    public Map<String, String> existing(EntityMapping mapping, Collection<String> prmKeys) {
        Map<String, String> ids = new HashMap<>();
        for (List<String> keys : inListsOf(prmKeys)) {
            String soql = "SELECT Id, SystemModstamp, LastModifiedDate, " + mapping.externalIdField() + " FROM "
                    + mapping.sObject() + " WHERE " + mapping.externalIdField() + " IN (" + String.join(", ", keys)
                    + ")";
            for (SalesforceRecord record : salesforce.calls().query(soql).records()) {
                Object key = record.value(mapping.externalIdField());
                if (key != null) {
                    ids.putIfAbsent(key.toString(), record.id());
                }
            }
        }
        return ids;
    }

    /** The keys as SOQL literals, grouped so that no group's IN list grows past the limit. */
    static List<List<String>> inListsOf(Collection<String> prmKeys) {
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int length = 0;
        for (String key : prmKeys) {
            String literal = Soql.literal(key);
            if (!group.isEmpty() && length + literal.length() > MAX_IN_LIST_CHARACTERS) {
                groups.add(group);
                group = new ArrayList<>();
                length = 0;
            }
            group.add(literal);
            length += literal.length() + 2;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
