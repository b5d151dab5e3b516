package io.prmsync.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read the way the builder reads it, as far as the checks need: one instruction per logical line
 * (a trailing backslash continues it; comment lines, also inside a continuation, are dropped), grouped into the
 * stages {@code FROM} starts. Not a full parser: no escape directive, no heredocs.
 */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, String arguments, int line) {}

    record Stage(String name, String image, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        /** The working directory at the end of the stage ({@code /} when no WORKDIR sets one). */
        String workdir() {
            return last("WORKDIR").map(Instruction::arguments).orElse("/");
        }
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder logical = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (logical.isEmpty()) {
                start = i + 1;
            }
            boolean continues = line.endsWith("\\");
            logical.append(continues ? line.substring(0, line.length() - 1) : line)
                    .append(' ');
            if (continues) {
                continue;
            }
            Instruction instruction = instruction(logical.toString().strip(), start);
            logical.setLength(0);
            if (instruction.keyword().equals("FROM")) {
                current = new ArrayList<>();
                stages.add(stage(instruction, current));
            } else if (current == null) {
                throw new IllegalArgumentException(
                        "line " + instruction.line() + ": " + instruction.keyword() + " before any FROM");
            }
            current.add(instruction);
        }
        return new Dockerfile(List.copyOf(stages));
    }

    /** The stage the image is made of: the last one. */
    Stage runtime() {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("no FROM: the Dockerfile has no stage");
        }
        return stages.get(stages.size() - 1);
    }

    private static Instruction instruction(String logicalLine, int line) {
        String[] parts = logicalLine.split("\\s+", 2);
        return new Instruction(
                parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].replaceAll("\\s+", " ") : "", line);
    }

    private static Stage stage(Instruction from, List<Instruction> instructions) {
        String[] words = from.arguments().split(" ");
        List<String> plain =
                List.of(words).stream().filter(w -> !w.startsWith("--")).toList();
        String name = plain.size() == 3 && plain.get(1).equalsIgnoreCase("AS") ? plain.get(2) : null;
        return new Stage(name, plain.isEmpty() ? "" : plain.get(0), instructions);
    }
}
