package io.prmsync.salesforce;

import java.io.InputStream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** One-off SOQL queries through the Salesforce component, for lookups outside a flow's paging. */
@Component
public class SoqlQueries {

    private final ProducerTemplate template;
    private final QueryPageReader pages;
    private final ApiUsage apiUsage;

    SoqlQueries(ProducerTemplate template, QueryPageReader pages, ApiUsage apiUsage) {
        this.template = template;
        this.pages = pages;
        this.apiUsage = apiUsage;
    }

    /** The first page of the query's result (up to 2,000 records): callers ask for less than that. */
    public QueryPage firstPage(String soql) {
        Exchange answer = template.request("direct:salesforce-query", e -> e.getMessage().setBody(soql));
        if (answer.getException() != null) {
            throw new CamelExecutionException("Salesforce query failed: " + answer.getException().getMessage(), answer,
                    answer.getException());
        }
        apiUsage.record(answer.getMessage().getHeader(ApiUsage.LIMIT_INFO_HEADER));
        return pages.read(answer.getMessage().getBody(InputStream.class));
    }
}
