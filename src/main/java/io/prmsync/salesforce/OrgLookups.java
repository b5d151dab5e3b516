package io.prmsync.salesforce;

import io.prmsync.mapping.SalesforceRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Ids of org records that mappings name by their values (the deal-registration record type, the partner
 * program): ids differ from org to org, so they are looked up once, through the Salesforce component, when a
 * flow first needs them.
 */
@Component
public class OrgLookups {

    private final SalesforceGateway salesforce;
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> textLengths = new ConcurrentHashMap<>();

    OrgLookups(SalesforceGateway salesforce) {
        this.salesforce = salesforce;
    }

    /**
     * The most characters each text field of the object holds, by lower-case API name, as describe says: asked
     * once, when a flow first has a value to cut to its field.
     */
    public Map<String, Integer> textLengths(String sObject) {
        return textLengths.computeIfAbsent(
                sObject,
                name -> salesforce.calls().describe(name).fields().values().stream()
                        .filter(field -> field.length() > 0)
                        .collect(Collectors.toUnmodifiableMap(
                                field -> field.name().toLowerCase(java.util.Locale.ROOT),
                                ObjectDescription.Field::length)));
    }

    public String recordTypeId(String sObject, String developerName) {
        return id("RecordType", Map.of("SobjectType", sObject, "DeveloperName", developerName, "IsActive", true));
    }

    /**
     * The id of the one {@code sObject} record with the given field values.
     *
     * @throws SalesforceResponseException when the org has none or several
     */
    public String id(String sObject, Map<String, Object> where) {
        String condition = where.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " = " + Soql.literal(e.getValue()))
                .collect(Collectors.joining(" AND "));
        return ids.computeIfAbsent(sObject + " WHERE " + condition, key -> lookUp(sObject, condition));
    }

    private String lookUp(String sObject, String condition) {
        String soql =
                "SELECT Id, SystemModstamp, LastModifiedDate FROM " + sObject + " WHERE " + condition + " LIMIT 2";
        List<SalesforceRecord> found = salesforce.calls().query(soql).records();
        if (found.size() != 1) {
            throw new SalesforceResponseException("The org has " + (found.isEmpty() ? "no" : "more than one") + " "
                    + sObject + " where " + condition + "; a mapping needs exactly one");
        }
        return found.get(0).id();
    }
}
