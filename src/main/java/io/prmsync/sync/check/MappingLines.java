package io.prmsync.sync.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Where a key is written in a mapping file ({@code config/mappings/x.yaml line 27}), for the check's findings. */
final class MappingLines implements Function<String, String> {

    private final String source;
    private final List<String> lines;

    private MappingLines(String source, List<String> lines) {
        this.source = source;
        this.lines = lines;
    }

    static MappingLines of(String source) {
        try {
            return new MappingLines(source, Files.readAllLines(Path.of(source)));
        } catch (IOException | RuntimeException unreadable) {
            return new MappingLines(source, List.of());
        }
    }

    /** The file and the line of the first {@code key:}; the file alone when the key is not written there. */
    @Override
    public String apply(String key) {
        Pattern keyLine = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*:");
        for (int i = 0; i < lines.size(); i++) {
            if (keyLine.matcher(lines.get(i)).find()) {
                return source + " line " + (i + 1);
            }
        }
        return source;
    }
}
