package io.prmsync.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a parsed YAML file that remembers its line and its path, so every validation message can say
 * exactly where the admin has to look. Reading a value of the wrong shape records a problem and yields
 * an empty result rather than throwing, so one pass reports every mistake in the file.
 */
public final class YamlNode {

    private final Node node;
    private final String path;
    private final int line;
    private final ConfigProblems problems;

    YamlNode(Node node, String path, int line, ConfigProblems problems) {
        this.node = node;
        this.path = path;
        this.line = line;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public boolean isPresent() {
        return node != null;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public void problem(String message) {
        problems.add(line, path, message);
    }

    public ConfigProblems problems() {
        return problems;
    }

    /** The child under {@code key}; absent (not an error) when the key is missing. */
    public YamlNode get(String key) {
        Map<String, YamlNode> entries = entries();
        YamlNode child = entries.get(key);
        return child != null ? child : new YamlNode(null, join(key), line, problems);
    }

    public YamlNode required(String key) {
        YamlNode child = get(key);
        if (!child.isPresent() && isMap()) {
            problems.add(line, path, "is missing required key '" + key + "'");
        }
        return child;
    }

    /** Records a problem, with its own line, for every key that is not one of {@code allowed}. */
    public void allowOnly(String... allowed) {
        Set<String> known = Set.of(allowed);
        entries().forEach((key, child) -> {
            if (!known.contains(key)) {
                problems.add(
                        child.line,
                        child.path,
                        "is not a known key; expected one of " + new TreeSet<>(Arrays.asList(allowed)));
            }
        });
    }

    /** Entries of a mapping in file order; a non-mapping records a problem and yields none. */
    public Map<String, YamlNode> entries() {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            problem("must be a mapping of keys to values");
            return Map.of();
        }
        Map<String, YamlNode> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLineNumber = keyNode.getStartMark().getLine() + 1;
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(keyLineNumber, path, "has a key that is not plain text");
                continue;
            }
            String key = scalarKey.getValue();
            YamlNode child = new YamlNode(tuple.getValueNode(), join(key), keyLineNumber, problems);
            if (result.putIfAbsent(key, child) != null) {
                problems.add(keyLineNumber, child.path, "is given twice");
            }
        }
        return result;
    }

    public List<YamlNode> items() {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem("must be a list");
            return List.of();
        }
        List<YamlNode> result = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            Node item = values.get(i);
            result.add(
                    new YamlNode(item, path + "[" + i + "]", item.getStartMark().getLine() + 1, problems));
        }
        return result;
    }

    public Optional<String> text() {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem("must be a single value");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    public String requiredText() {
        Optional<String> value = text();
        if (value.isEmpty() && node == null) {
            problem("is required");
        }
        return value.orElse(null);
    }

    public Optional<Boolean> bool() {
        return text().flatMap(value -> switch (value) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problem("must be true or false, not '" + value + "'");
                yield Optional.empty();
            }
        });
    }

    public Optional<Integer> integer() {
        return text().flatMap(value -> {
            try {
                return Optional.of(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                problem("must be a whole number, not '" + value + "'");
                return Optional.empty();
            }
        });
    }

    public Optional<BigDecimal> decimal() {
        return text().flatMap(value -> {
            try {
                return Optional.of(new BigDecimal(value));
            } catch (NumberFormatException e) {
                problem("must be a number, not '" + value + "'");
                return Optional.empty();
            }
        });
    }

    /** ISO-8601 duration ({@code PT30S}) or a plain number of seconds. */
    public Optional<Duration> duration() {
        return text().flatMap(value -> {
            try {
                return Optional.of(
                        value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value));
            } catch (DateTimeParseException e) {
                problem("must be an ISO-8601 duration such as PT30S, not '" + value + "'");
                return Optional.empty();
            }
        });
    }

    /** ISO-8601 period such as {@code P12M} or {@code P90D}. */
    public Optional<Period> period() {
        return text().flatMap(value -> {
            try {
                return Optional.of(Period.parse(value));
            } catch (DateTimeParseException e) {
                problem("must be an ISO-8601 period such as P12M or P90D, not '" + value + "'");
                return Optional.empty();
            }
        });
    }

    /** The value as one of {@code choices}; anything else records a problem listing the choices. */
    public <E extends Enum<E>> Optional<E> choice(Class<E> type, Map<String, E> choices) {
        return text().flatMap(value -> {
            E chosen = choices.get(value);
            if (chosen == null) {
                problem("must be one of " + new TreeSet<>(choices.keySet()) + ", not '" + value + "'");
            }
            return Optional.ofNullable(chosen);
        });
    }

    /** Plain Java value of a scalar as YAML typed it (boolean, number or text); used for literal field values. */
    public Optional<Object> scalar() {
        if (node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":bool")) {
            return bool().map(Object.class::cast);
        }
        if (node instanceof ScalarNode scalar
                && (scalar.getTag().getValue().endsWith(":int")
                        || scalar.getTag().getValue().endsWith(":float"))) {
            return decimal().map(Object.class::cast);
        }
        return text().map(Object.class::cast);
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
