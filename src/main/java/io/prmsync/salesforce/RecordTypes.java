package io.prmsync.salesforce;

import io.prmsync.mapping.SalesforceRecord;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Record type ids by developer name. Ids differ from org to org, so mappings name record types and the id is
 * looked up once, through the Salesforce component, when a flow first needs it.
 */
@Component
public class RecordTypes {

    private final ProducerTemplate template;
    private final QueryPageReader pages;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    RecordTypes(ProducerTemplate template, QueryPageReader pages) {
        this.template = template;
        this.pages = pages;
    }

    /**
     * @throws SalesforceResponseException when the org has no active record type of that name for the object
     */
    public String id(String sObject, String developerName) {
        return ids.computeIfAbsent(sObject + "." + developerName, key -> lookUp(sObject, developerName));
    }

    private String lookUp(String sObject, String developerName) {
        String soql = "SELECT Id, SystemModstamp, LastModifiedDate FROM RecordType WHERE SobjectType = "
                + Soql.literal(sObject) + " AND DeveloperName = " + Soql.literal(developerName)
                + " AND IsActive = true";
        InputStream answer = template.requestBody("salesforce:query?rawPayload=true", soql, InputStream.class);
        return pages.read(answer).records().stream().map(SalesforceRecord::id).findFirst()
                .orElseThrow(() -> new SalesforceResponseException("The org has no active " + sObject
                        + " record type named " + developerName + " (the mapping's salesforce.record-type)"));
    }
}
