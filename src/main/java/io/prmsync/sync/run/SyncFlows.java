package io.prmsync.sync.run;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.EntityMapping;
import io.prmsync.mapping.MappingLoader;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.store.FieldChangeStamps;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.yaml.ConfigInvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The flows the service knows: one per mapping file in the mappings directory, named after the file
 * ({@code partner-accounts.yaml} is flow {@code partner-accounts}). All files are validated when the service
 * starts; any problem in any of them stops start-up with every message.
 */
@Component
public class SyncFlows {

    private static final Logger log = LoggerFactory.getLogger(SyncFlows.class);

    private final Map<String, RecordMapper> flows;

    /**
     * Takes the JdbcTemplate, not the DataSource: Boot orders it after the Flyway migrations the check needs. The
     * latest-wins columns of the mapped tables are watched from here on, before any run can meet a conflict.
     */
    SyncFlows(SyncProperties properties, JdbcTemplate jdbc, FieldChangeStamps fieldChanges) {
        this.flows = load(
                properties.mappingsDir(),
                new MappingLoader(JdbcColumnCatalog.read(Objects.requireNonNull(jdbc.getDataSource()))));
        fieldChanges.watch(flows.values().stream().map(RecordMapper::mapping).toList());
        properties.settleLagWarning().ifPresent(log::warn);
    }

    static Map<String, RecordMapper> load(Path dir, MappingLoader loader) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigInvalidException(List.of(dir + ": mappings directory does not exist"));
        }
        Map<String, RecordMapper> flows = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    EntityMapping mapping = loader.load(file);
                    flows.put(file.getFileName().toString().replaceFirst("\\.yaml$", ""), new RecordMapper(mapping));
                } catch (ConfigInvalidException e) {
                    problems.addAll(e.problems());
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed (" + e.getMessage() + ")");
        }
        problems.addAll(unknownReferences(flows));
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException(problems);
        }
        return flows;
    }

    private static List<String> unknownReferences(Map<String, RecordMapper> flows) {
        List<String> entities =
                flows.values().stream().map(m -> m.mapping().entity()).toList();
        return flows.values().stream()
                .map(RecordMapper::mapping)
                .flatMap(mapping -> mapping.references().stream()
                        .filter(field -> !entities.contains(field.referenceTo()))
                        .map(field -> mapping.source() + ": fields." + field.prmColumn() + ".reference names entity '"
                                + field.referenceTo() + "', which no mapping defines; known entities: " + entities))
                .toList();
    }

    public RecordMapper mapper(String flow) {
        RecordMapper mapper = flows.get(flow);
        if (mapper == null) {
            throw new UnknownFlowException(flow, flows.keySet());
        }
        return mapper;
    }

    public List<String> names() {
        return List.copyOf(flows.keySet());
    }

    /**
     * The flows in an order that runs a flow after the flows whose records it references (partner accounts before
     * their deals and certifications), else by name; flows that reference each other keep their name order.
     *
     * @throws UnknownFlowException when no mapping defines one of them
     */
    public List<String> parentsFirst(Collection<String> names) {
        names.forEach(this::mapper);
        return parentsFirst(flows, names);
    }

    static List<String> parentsFirst(Map<String, RecordMapper> flows, Collection<String> names) {
        List<String> remaining = new ArrayList<>(new TreeSet<>(names));
        List<String> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                    .filter(flow -> parentsOf(flows, flow).stream().noneMatch(remaining::contains))
                    .findFirst()
                    .orElse(remaining.get(0));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    /**
     * The other flows whose records the flow's mapping references, and, for a flow that only updates rows others
     * create ({@code prm.create: false}, deal outcomes), the flows that create rows in its table.
     */
    private static List<String> parentsOf(Map<String, RecordMapper> flows, String flow) {
        EntityMapping mapping = flows.get(flow).mapping();
        List<String> entities = mapping.references().stream()
                .map(io.prmsync.mapping.FieldMapping::referenceTo)
                .toList();
        return flows.entrySet().stream()
                .filter(other -> !other.getKey().equals(flow))
                .filter(other -> entities.contains(other.getValue().mapping().entity())
                        || createsRowsOf(other.getValue().mapping(), mapping))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static boolean createsRowsOf(EntityMapping creator, EntityMapping updater) {
        return !updater.createInPrm()
                && creator.createInPrm()
                && creator.prmTable().equals(updater.prmTable());
    }

    /** The route a flow's runs go through in one direction, by the routes' naming convention. */
    public static String routeId(String flow, io.prmsync.store.Direction direction) {
        return flow + "-" + direction.name().toLowerCase(java.util.Locale.ROOT);
    }
}
