package io.prmsync.salesforce;

import java.io.InputStream;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** One-off SOQL queries through the Salesforce component, for lookups outside a flow's paging. */
@Component
public class SoqlQueries {

    private final ProducerTemplate template;
    private final QueryPageReader pages;

    SoqlQueries(ProducerTemplate template, QueryPageReader pages) {
        this.template = template;
        this.pages = pages;
    }

    /** The first page of the query's result (up to 2,000 records): callers ask for less than that. */
    public QueryPage firstPage(String soql) {
        return pages.read(template.requestBody("salesforce:query?rawPayload=true", soql, InputStream.class));
    }
}
