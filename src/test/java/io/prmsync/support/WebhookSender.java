package io.prmsync.support;

import io.prmsync.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sends webhook requests the way a sender would, signed or deliberately not, with any body and headers. */
public final class WebhookSender {

    public static final String ORG_ID = "00D000000000001EAA";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public WebhookSender(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> signed(String path, String secret, String json) {
        return signed(path, secret, Instant.now(), json);
    }

    public HttpResponse<String> signed(String path, String secret, Instant at, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return post(
                path,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(secret.getBytes(StandardCharsets.UTF_8), at, body)));
    }

    public HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> outboundMessage(String xml) {
        return post(
                "/webhooks/salesforce/outbound-message",
                xml.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"\""));
    }

    public static String prmEvent(String eventId, String entity, String id, String operation) {
        return "{\"eventId\":\"" + eventId + "\",\"entity\":\"" + entity + "\",\"id\":\"" + id + "\",\"operation\":\""
                + operation + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    /** An Outbound Message as Salesforce sends it, one Notification per (notification id, sObject id). */
    public static String outboundMessageXml(
            String orgId, String sObjectType, List<String[]> notifications, String extraFields) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body>
                  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
                   <OrganizationId>%s</OrganizationId>
                   <ActionId>04k000000000001AAA</ActionId>
                   <SessionId xsi:nil="true"/>
                   <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/62.0/00D000000000001</EnterpriseUrl>
                   <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/62.0/00D000000000001</PartnerUrl>
                """.formatted(orgId));
        for (String[] notification : notifications) {
            xml.append("""
                       <Notification>
                        <Id>%s</Id>
                        <sObject xsi:type="sf:%s" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                         <sf:Id>%s</sf:Id>
                         %s
                        </sObject>
                       </Notification>
                    """.formatted(notification[0], sObjectType, notification[1], extraFields));
        }
        return xml.append("  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n")
                .toString();
    }
}
