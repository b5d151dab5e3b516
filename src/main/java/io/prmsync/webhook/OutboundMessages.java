package io.prmsync.webhook;

import io.prmsync.salesforce.Soql;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a Salesforce Outbound Message (SOAP 1.1, {@value #OUTBOUND_NS}). The parser refuses any DTD, so neither
 * external entities nor entity expansion bombs get anywhere; only the notification ids and the sObject types and
 * ids are taken from the message.
 */
final class OutboundMessages {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
    static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    static final int MAX_NOTIFICATIONS = 100;
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    private static final int MAX_DEPTH = 64;

    record Notification(String notificationId, String sObjectType, String sObjectId) {}

    record Message(String organizationId, List<Notification> notifications) {}

    private OutboundMessages() {}

    static Message parse(byte[] body) {
        Document document = read(body);
        Element envelope = document.getDocumentElement();
        if (!is(envelope, SOAP_NS, "Envelope")) {
            throw WebhookRejectedException.badRequest("The root element must be a SOAP 1.1 Envelope (" + SOAP_NS + ")");
        }
        Element soapBody = only(envelope, SOAP_NS, "Body", "Envelope");
        Element notifications = only(soapBody, OUTBOUND_NS, "notifications", "Body");
        String organizationId =
                text(only(notifications, OUTBOUND_NS, "OrganizationId", "notifications"), "OrganizationId");
        List<Notification> found = new ArrayList<>();
        for (Element notification : children(notifications, OUTBOUND_NS, "Notification")) {
            if (found.size() == MAX_NOTIFICATIONS) {
                throw WebhookRejectedException.badRequest(
                        "A message carries at most " + MAX_NOTIFICATIONS + " Notification elements");
            }
            String id = text(only(notification, OUTBOUND_NS, "Id", "Notification"), "Notification/Id");
            Element sObject = only(notification, OUTBOUND_NS, "sObject", "Notification");
            if (!Soql.isId(id)) {
                throw WebhookRejectedException.badRequest(
                        "Notification " + (found.size() + 1) + ": its Id is not a Salesforce id");
            }
            String sObjectId = children(sObject, null, "Id").stream()
                    .findFirst()
                    .map(e -> text(e, "sObject/Id"))
                    .orElseThrow(() ->
                            WebhookRejectedException.badRequest("Notification " + id + ": its sObject has no Id"));
            if (!Soql.isId(sObjectId)) {
                throw WebhookRejectedException.badRequest(
                        "Notification " + id + ": its sObject Id is not a" + " Salesforce id");
            }
            found.add(new Notification(id, sObjectType(sObject, id), sObjectId));
        }
        if (found.isEmpty()) {
            throw WebhookRejectedException.badRequest("The message has no Notification");
        }
        return new Message(organizationId, found);
    }

    /** {@code xsi:type="sf:Account"}: the prefix is the sender's choice, the local part is the type. */
    private static String sObjectType(Element sObject, String notificationId) {
        String type = sObject.getAttributeNS(XSI_NS, "type");
        String local = type.substring(type.indexOf(':') + 1);
        if (!local.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw WebhookRejectedException.badRequest("Notification " + notificationId
                    + ": the sObject needs an xsi:type naming its sObject type, such as sf:Account");
        }
        return local;
    }

    private static Document read(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            // Salesforce's messages are five levels deep; without a limit, deep nesting exhausts the stack.
            factory.setAttribute(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints parse errors to stderr; they are reported to the sender instead.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            throw WebhookRejectedException.badRequest("The body is not acceptable XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw WebhookRejectedException.badRequest("The body could not be read as XML");
        }
    }

    private static boolean is(Node node, String namespace, String name) {
        return node instanceof Element element
                && name.equals(element.getLocalName())
                && (namespace == null || namespace.equals(element.getNamespaceURI()));
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, namespace, name)) {
                found.add((Element) child);
            }
        }
        return found;
    }

    private static Element only(Element parent, String namespace, String name, String parentName) {
        List<Element> found = children(parent, namespace, name);
        if (found.size() != 1) {
            throw WebhookRejectedException.badRequest(parentName + " must contain exactly one " + name + " element ("
                    + namespace + "), found " + found.size());
        }
        return found.get(0);
    }

    /** The element's own text: an id is plain text, so markup inside one is refused rather than looked into. */
    private static String text(Element element, String what) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
                case Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE -> {}
                default -> throw WebhookRejectedException.badRequest(what + " must be plain text");
            }
            if (text.length() > 128) {
                break;
            }
        }
        String value = text.toString().trim();
        if (value.isEmpty() || value.length() > 128) {
            throw WebhookRejectedException.badRequest(what + " must hold 1 to 128 characters");
        }
        return value;
    }
}
