package io.prmsync.salesforcepackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What an SFDX source directory ({@code force-app/main/default}) defines, as far as the mappings need it: custom
 * objects, custom fields, record types and one permission set. Read with the JDK's DOM parser.
 */
final class SalesforcePackage {

    static final String NS = "http://soap.sforce.com/2006/04/metadata";

    /** A custom field as its {@code .field-meta.xml} defines it. */
    record Field(
            String object,
            String name,
            String type,
            int length,
            int precision,
            int scale,
            boolean externalId,
            boolean unique,
            boolean required,
            String referenceTo,
            boolean restricted,
            List<String> values) {

        /**
         * The most characters the field holds; Salesforce fixes it for Email (80), Phone (40), Url and TextArea
         * (255) and for a picklist's values (255), and the package sets it only for Text and LongTextArea.
         */
        int textLength() {
            return switch (type) {
                case "Text", "LongTextArea", "Html" -> length;
                case "TextArea", "Url" -> 255;
                case "Email" -> 80;
                case "Phone" -> 40;
                case "Lookup", "MasterDetail" -> 18;
                default -> 0;
            };
        }

        /** The longest value a Salesforce read can bring back: for a picklist its longest value. */
        int longestValue() {
            return type.equals("Picklist")
                    ? values.stream().mapToInt(String::length).max().orElse(0)
                    : textLength();
        }

        boolean lengthIsSetByThePackage() {
            return type.equals("Text") || type.equals("LongTextArea");
        }

        boolean isLookup() {
            return type.equals("Lookup") || type.equals("MasterDetail");
        }

        /** Required and master-detail fields are always visible and editable; a permission set cannot list them. */
        boolean underFieldLevelSecurity() {
            return !required && !type.equals("MasterDetail");
        }
    }

    record FieldAccess(boolean readable, boolean editable) {}

    record ObjectAccess(
            boolean read, boolean create, boolean edit, boolean delete, boolean viewAll, boolean modifyAll) {}

    /** A permission set: field access by {@code Object.Field}, object access by object, visible record types. */
    record PermissionSet(
            String file, Map<String, FieldAccess> fields, Map<String, ObjectAccess> objects, Set<String> recordTypes) {}

    private final Set<String> customObjects;
    private final Map<String, Field> fields;
    private final Set<String> recordTypes;
    private final PermissionSet permissionSet;

    private SalesforcePackage(
            Set<String> customObjects,
            Map<String, Field> fields,
            Set<String> recordTypes,
            PermissionSet permissionSet) {
        this.customObjects = customObjects;
        this.fields = fields;
        this.recordTypes = recordTypes;
        this.permissionSet = permissionSet;
    }

    /**
     * @param source the {@code main/default} directory of a package directory
     * @param permissionSet the developer name of the permission set to read
     */
    static SalesforcePackage read(Path source, String permissionSet) {
        Set<String> customObjects = new HashSet<>();
        Map<String, Field> fields = new HashMap<>();
        Set<String> recordTypes = new HashSet<>();
        for (Path objectDir : list(source.resolve("objects"))) {
            String object = objectDir.getFileName().toString();
            if (Files.exists(objectDir.resolve(object + ".object-meta.xml"))) {
                customObjects.add(object);
            }
            for (Path file : list(objectDir.resolve("fields"))) {
                Field field = field(object, root(file));
                fields.put(object + "." + field.name(), field);
            }
            for (Path file : list(objectDir.resolve("recordTypes"))) {
                recordTypes.add(object + "." + text(root(file), "fullName"));
            }
        }
        Path permissions = source.resolve("permissionsets").resolve(permissionSet + ".permissionset-meta.xml");
        return new SalesforcePackage(customObjects, fields, recordTypes, permissionSet(permissions));
    }

    boolean hasCustomObject(String object) {
        return customObjects.contains(object);
    }

    Optional<Field> field(String object, String field) {
        return Optional.ofNullable(fields.get(object + "." + field));
    }

    boolean hasRecordType(String object, String developerName) {
        return recordTypes.contains(object + "." + developerName);
    }

    List<Field> fields() {
        return List.copyOf(fields.values());
    }

    PermissionSet permissionSet() {
        return permissionSet;
    }

    private static Field field(String object, Element root) {
        Element valueSet = child(root, "valueSet");
        List<String> values = new ArrayList<>();
        boolean restricted = false;
        if (valueSet != null) {
            restricted = bool(valueSet, "restricted");
            Element definition = child(valueSet, "valueSetDefinition");
            if (definition != null) {
                children(definition, "value").forEach(value -> values.add(text(value, "fullName")));
            }
        }
        return new Field(
                object,
                text(root, "fullName"),
                text(root, "type"),
                number(root, "length"),
                number(root, "precision"),
                number(root, "scale"),
                bool(root, "externalId"),
                bool(root, "unique"),
                bool(root, "required"),
                text(root, "referenceTo"),
                restricted,
                List.copyOf(values));
    }

    private static PermissionSet permissionSet(Path file) {
        Map<String, FieldAccess> fields = new HashMap<>();
        Map<String, ObjectAccess> objects = new HashMap<>();
        Set<String> recordTypes = new HashSet<>();
        if (Files.exists(file)) {
            Element root = root(file);
            children(root, "fieldPermissions")
                    .forEach(p ->
                            fields.put(text(p, "field"), new FieldAccess(bool(p, "readable"), bool(p, "editable"))));
            children(root, "objectPermissions")
                    .forEach(p -> objects.put(
                            text(p, "object"),
                            new ObjectAccess(
                                    bool(p, "allowRead"),
                                    bool(p, "allowCreate"),
                                    bool(p, "allowEdit"),
                                    bool(p, "allowDelete"),
                                    bool(p, "viewAllRecords"),
                                    bool(p, "modifyAllRecords"))));
            children(root, "recordTypeVisibilities").stream()
                    .filter(v -> bool(v, "visible"))
                    .forEach(v -> recordTypes.add(text(v, "recordType")));
        }
        return new PermissionSet(file.getFileName().toString(), fields, objects, recordTypes);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element root(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
            if (!NS.equals(root.getNamespaceURI())) {
                throw new IllegalStateException(file + ": the root element is not in the metadata namespace " + NS);
            }
            return root;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(file + " is not well-formed metadata XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }

    private static boolean bool(Element parent, String name) {
        return "true".equals(text(parent, name));
    }

    private static int number(Element parent, String name) {
        String text = text(parent, name);
        return text == null ? 0 : Integer.parseInt(text);
    }
}
