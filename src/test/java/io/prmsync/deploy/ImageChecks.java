package io.prmsync.deploy;

import io.prmsync.deploy.Dockerfile.Instruction;
import io.prmsync.deploy.Dockerfile.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks that need only the Dockerfile: its user, its layers, its labels. */
record ImageChecks(Dockerfile dockerfile) {

    static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    static final List<String> LABELS = List.of("title", "description", "source", "licenses", "version").stream()
            .map(l -> "org.opencontainers.image." + l)
            .toList();

    List<String> runsAsNonRoot() {
        Stage runtime = dockerfile().runtime();
        var user = runtime.last("USER");
        if (user.isEmpty()) {
            return List.of("the runtime stage has no USER: the service would run as root");
        }
        String name = user.get().arguments().split(":")[0];
        if (name.equals("root") || name.equals("0")) {
            return List.of("the runtime stage runs as root (USER " + user.get().arguments() + ")");
        }
        if (!name.matches("\\d+") && createdUsers(runtime).get(name) == null) {
            return List.of("USER " + name + " is neither numeric nor created (useradd) in the runtime stage");
        }
        return List.of();
    }

    /** Spring Boot's layers copied least-changing first, the application last, so a code change rebuilds one. */
    List<String> layersInOrder() {
        Stage runtime = dockerfile().runtime();
        List<Instruction> writes = runtime.instructions().stream()
                .filter(i -> Set.of("COPY", "ADD", "RUN").contains(i.keyword()))
                .toList();
        List<String> copied = writes.stream()
                .filter(i -> i.arguments().startsWith("--from="))
                .map(i -> LAYERS.stream()
                        .filter(layer -> i.arguments().matches(".*/" + layer + "/? .*"))
                        .findFirst()
                        .orElse("?"))
                .toList();
        List<String> problems = new ArrayList<>();
        if (!copied.equals(LAYERS)) {
            problems.add("the runtime stage copies the layers " + copied + ", expected " + LAYERS);
        }
        if (writes.isEmpty() || !writes.get(writes.size() - 1).arguments().matches(".*/application/? .*")) {
            problems.add("the application layer is not the last one written");
        }
        boolean extracted = dockerfile().stages().stream()
                .flatMap(s -> s.all("RUN").stream())
                .anyMatch(run -> run.arguments().contains("-Djarmode=tools")
                        && run.arguments().contains("extract --layers"));
        if (!extracted) {
            problems.add("no stage extracts the layers (java -Djarmode=tools -jar ... extract --layers)");
        }
        return problems;
    }

    List<String> labels() {
        String labels = dockerfile().runtime().all("LABEL").stream()
                .map(Instruction::arguments)
                .reduce("", (a, b) -> a + " " + b);
        List<String> problems = new ArrayList<>();
        LABELS.stream()
                .filter(label -> !labels.contains(label + "="))
                .forEach(label -> problems.add("the image has no label " + label));
        boolean versionFromArg = labels.matches(".*org\\.opencontainers\\.image\\.version=\"?\\$\\{?VERSION.*")
                && dockerfile().runtime().all("ARG").stream()
                        .anyMatch(arg -> arg.arguments().startsWith("VERSION"));
        if (!versionFromArg) {
            problems.add("org.opencontainers.image.version should come from ARG VERSION");
        }
        return problems;
    }

    /** Users created with useradd in the stage, by name, with their uid when given. */
    private static Map<String, String> createdUsers(Stage stage) {
        Map<String, String> users = new HashMap<>();
        Pattern useradd = Pattern.compile("useradd\\b([^&;|]*?)\\s([a-z_][a-z0-9_-]*)\\s*(?:$|&&|;|\\|)");
        Pattern uid = Pattern.compile("(?:--uid|-u)[ =](\\d+)");
        for (Instruction run : stage.all("RUN")) {
            Matcher m = useradd.matcher(run.arguments());
            while (m.find()) {
                Matcher id = uid.matcher(m.group(1));
                users.put(m.group(2), id.find() ? id.group(1) : "");
            }
        }
        return users;
    }

    /** The names and ids that mean the stage's USER. */
    static Set<String> owners(Stage stage) {
        Set<String> owners = new LinkedHashSet<>();
        stage.last("USER").ifPresent(user -> {
            String name = user.arguments().split(":")[0];
            owners.add(name);
            createdUsers(stage).forEach((created, id) -> {
                if (created.equals(name) || id.equals(name)) {
                    owners.add(created);
                    owners.add(id);
                }
            });
        });
        owners.remove("");
        return owners;
    }
}
