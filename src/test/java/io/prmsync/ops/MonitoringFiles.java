package io.prmsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The PromQL expressions of the shipped Grafana dashboard and alert rules, and the metric names they use. */
final class MonitoringFiles {

    static final Path DASHBOARD = Path.of("docker/monitoring/grafana/dashboards/prm-sync.json");
    static final Path ALERTS = Path.of("docker/monitoring/alerts.yaml");

    /** PromQL modifiers that look like metric names; functions are told apart by the parenthesis after them. */
    private static final Set<String> PROMQL_WORDS = Set.of("group_left", "group_right");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SELECTORS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPINGS =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b(?!\\s*\\()");

    private static final Pattern SELECTOR = Pattern.compile("\\b([a-z][a-z0-9_]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");

    /** A label matcher of a selector: {@code metric{label="value"}} or {@code =~} with a regular expression. */
    record LabelMatcher(String metric, String label, String operator, String value) {

        boolean matches(String actual) {
            return switch (operator) {
                case "=" -> value.equals(actual);
                case "!=" -> !value.equals(actual);
                case "=~" -> actual != null && actual.matches(value);
                default -> actual == null || !actual.matches(value);
            };
        }
    }

    private MonitoringFiles() {}

    /** The label matchers of an expression's selectors: each names a label the metric must have. */
    static List<LabelMatcher> labelMatchers(String expression) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                matchers.add(new LabelMatcher(selector.group(1), matcher.group(1), matcher.group(2), matcher.group(3)));
            }
        }
        return matchers;
    }

    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    static List<String> alertExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (InputStream in = Files.newInputStream(ALERTS)) {
            Map<String, Object> rules = new Yaml().load(in);
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    expressions.add(rule.get("expr").toString());
                }
            }
        }
        return expressions;
    }

    /** The metric names an expression reads: label values, selectors and groupings taken out first. */
    static Set<String> metricNames(String expression) {
        String bare = STRINGS.matcher(expression).replaceAll("\"\"");
        bare = SELECTORS.matcher(bare).replaceAll("");
        bare = GROUPINGS.matcher(bare).replaceAll("");
        bare = bare.replaceAll("\\[[^]]*]", "");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!PROMQL_WORDS.contains(name.group())) {
                names.add(name.group());
            }
        }
        return names;
    }
}
