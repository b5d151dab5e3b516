package io.prmsync.sync.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The admins' route files named by {@code camel.main.routes-include-pattern} ({@code file:dir/*.camel.yaml}
 * entries), searched for where a route is defined: a route made from a template knows only its template's file.
 */
final class RouteFiles {

    private final List<String> patterns;

    RouteFiles(String includePattern) {
        this.patterns = Stream.of(includePattern.split(","))
                .map(String::trim)
                .filter(entry -> entry.startsWith("file:"))
                .map(entry -> entry.substring("file:".length()))
                .toList();
    }

    /** {@code file line n} of the line that gives the route its id, or the patterns when no file does. */
    String whereIs(String routeId) {
        for (String pattern : patterns) {
            Path glob = Path.of(pattern);
            Path dir = glob.getParent() == null ? Path.of(".") : glob.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> matcher.matches(f.getFileName()))
                        .sorted()
                        .toList()) {
                    Optional<Integer> line = lineOf(file, "routeId: " + routeId);
                    if (line.isPresent()) {
                        return file + " line " + line.get();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list route files in " + dir, e);
            }
        }
        return String.join(", ", patterns);
    }

    private static Optional<Integer> lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(text)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }
}
