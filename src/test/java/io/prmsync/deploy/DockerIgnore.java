package io.prmsync.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} with the builder's rules as far as the checks need them: patterns relative to the
 * context root, {@code *} and {@code ?} within a path segment, {@code **} across segments, {@code !} to keep
 * again, the last matching pattern decides, and a pattern matching a folder covers everything below it.
 */
final class DockerIgnore {

    private record Rule(Pattern pattern, boolean keep) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean keep = line.startsWith("!");
            String pattern = (keep ? line.substring(1) : line).strip();
            pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
            if (!pattern.isEmpty()) {
                rules.add(new Rule(Pattern.compile(regex(pattern)), keep));
            }
        }
        return new DockerIgnore(rules);
    }

    /** Whether the file or folder at {@code path} (relative to the context root) stays out of the context. */
    boolean excludes(String path) {
        List<String> candidates = new ArrayList<>();
        String[] segments = path.split("/");
        for (int i = 1; i <= segments.length; i++) {
            candidates.add(String.join("/", List.of(segments).subList(0, i)));
        }
        boolean excluded = false;
        for (Rule rule : rules) {
            if (candidates.stream().anyMatch(c -> rule.pattern().matcher(c).matches())) {
                excluded = !rule.keep();
            }
        }
        return excluded;
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
