package io.prmsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's findings: one entry per scenario with its measured figures and its targets, met or not. */
final class BenchReport {

    /** A target next to the value measured for it. */
    record Target(String name, String limit, Object measured, boolean met) {}

    static final class Scenario {
        final String name;
        final String description;
        String status = "measured";
        final Map<String, Object> figures = new LinkedHashMap<>();
        final List<Target> targets = new ArrayList<>();

        Scenario(String name, String description) {
            this.name = name;
            this.description = description;
        }

        Scenario figure(String key, Object value) {
            figures.put(key, value);
            return this;
        }

        Scenario target(String target, String limit, Object measured, boolean met) {
            targets.add(new Target(target, limit, measured, met));
            return this;
        }

        Scenario notRun(String why) {
            status = "not run: " + why;
            return this;
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("scenario", name);
            map.put("description", description);
            map.put("status", status);
            map.put("figures", figures);
            map.put("targets", targets);
            return map;
        }
    }

    private final List<Scenario> scenarios = new ArrayList<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();

    Scenario scenario(String name, String description) {
        Scenario scenario = new Scenario(name, description);
        scenarios.add(scenario);
        return scenario;
    }

    List<Scenario> scenarios() {
        return scenarios;
    }

    BenchReport environment(String key, Object value) {
        environment.put(key, value);
        return this;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("scenarios", scenarios.stream().map(Scenario::toMap).toList());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("report.json").toFile(), json);
        Files.writeString(dir.resolve("report.md"), markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# prm-sync benchmark\n\n");
        environment.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| scenario | status | figures |\n|---|---|---|\n");
        for (Scenario s : scenarios) {
            md.append("| ")
                    .append(s.name)
                    .append(" | ")
                    .append(s.status)
                    .append(" | ")
                    .append(s.figures.entrySet().stream()
                            .map(e -> e.getKey() + " = " + e.getValue())
                            .reduce((a, b) -> a + "<br>" + b)
                            .orElse(""))
                    .append(" |\n");
        }
        md.append("\n## Targets\n\n| scenario | target | limit | measured | met |\n|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            for (Target t : s.targets) {
                md.append("| ")
                        .append(s.name)
                        .append(" | ")
                        .append(t.name())
                        .append(" | ")
                        .append(t.limit())
                        .append(" | ")
                        .append(t.measured())
                        .append(" | ")
                        .append(t.met() ? "met" : "**not met**")
                        .append(" |\n");
            }
        }
        return md.toString();
    }
}
