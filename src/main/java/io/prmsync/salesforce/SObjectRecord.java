package io.prmsync.salesforce;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/**
 * A record of any sObject for the Salesforce component's collection operations. Mappings are configured at
 * run time, so fields travel as a map instead of through generated DTO classes.
 */
public final class SObjectRecord extends AbstractDescribedSObjectBase {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public SObjectRecord(String sObject, Map<String, Object> fields) {
        getAttributes().setType(sObject);
        this.fields.putAll(fields);
    }

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }

    @JsonAnySetter
    void set(String name, Object value) {
        fields.put(name, value);
    }

    @Override
    public SObjectDescription description() {
        return null;
    }
}
