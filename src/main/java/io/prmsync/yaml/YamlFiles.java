package io.prmsync.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Parses configuration files into line-aware {@link YamlNode}s; syntax errors name file and line. */
public final class YamlFiles {

    private YamlFiles() {}

    public static YamlNode read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new ConfigInvalidException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    public static YamlNode parse(String content, String fileName) {
        return parse(new StringReader(content), fileName);
    }

    private static YamlNode parse(Reader reader, String fileName) {
        ConfigProblems problems = new ConfigProblems(fileName);
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(5 * 1024 * 1024);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                problems.add(0, "", "is empty");
                problems.throwIfAny();
            }
            return new YamlNode(root, "", root.getStartMark().getLine() + 1, problems);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            problems.add(line, "", "is not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            problems.add(0, "", "is not valid YAML: " + e.getMessage());
        }
        problems.throwIfAny();
        throw new IllegalStateException("unreachable");
    }
}
