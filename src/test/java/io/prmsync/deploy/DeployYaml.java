package io.prmsync.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading compose and Spring YAML as plain maps and lists, and the placeholders in their values. */
final class DeployYaml {

    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{[A-Za-z0-9_]+(:?-)([^}]*)}");

    private DeployYaml() {}

    /** A compose service's environment, given as a map or as a list of NAME=value. */
    static Map<String, Object> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        if (environment instanceof List<?> entries) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries.forEach(e -> {
                String[] pair = String.valueOf(e).split("=", 2);
                map.put(pair[0], pair.length > 1 ? pair[1] : null);
            });
            return map;
        }
        return environment == null ? Map.of() : asMap(environment);
    }

    /** The default a compose or Spring placeholder gives ({@code ${X:-d}}, {@code ${X:d}}), or the value. */
    static String defaultOf(String value) {
        Matcher compose = COMPOSE_DEFAULT.matcher(value);
        if (compose.matches()) {
            return compose.group(2);
        }
        Matcher spring = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:([^}]*)}").matcher(value);
        return spring.matches() ? spring.group(1) : value;
    }

    static String target(String volume) {
        String[] parts = volume.split(":");
        return parts.length > 1 ? parts[1] : parts[0];
    }

    static String absolute(String workdir, String path) {
        String relative = path.replaceAll("^\\./", "").replaceAll("/$", "");
        return path.startsWith("/") ? path : (workdir.endsWith("/") ? workdir : workdir + "/") + relative;
    }

    static Map<String, Object> yaml(String text) {
        return asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : asMap(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    static List<String> list(Object value) {
        return value instanceof List<?> items
                ? items.stream().map(String::valueOf).toList()
                : List.of();
    }
}
