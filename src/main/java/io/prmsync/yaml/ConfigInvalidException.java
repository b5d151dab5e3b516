package io.prmsync.yaml;

import java.util.List;

/** A configuration file that cannot be used; the message names file, line and key of every problem. */
public class ConfigInvalidException extends RuntimeException {

    private final List<String> problems;

    public ConfigInvalidException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
