package io.prmsync.tier;

import io.prmsync.yaml.ConfigInvalidException;
import io.prmsync.yaml.ConfigProblems;
import io.prmsync.yaml.YamlFiles;
import io.prmsync.yaml.YamlNode;
import java.nio.file.Path;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code config/tier-rules.yaml}. Either every rule is valid and usable, or a
 * {@link ConfigInvalidException} lists every problem, each with file, line and field.
 */
public final class TierRulesLoader {

    private static final Map<String, PromotionCadence> PROMOTION =
            Map.of("immediate", PromotionCadence.IMMEDIATE, "quarterly", PromotionCadence.QUARTERLY);
    private static final Map<String, MaintenanceKind> MAINTENANCE =
            Map.of("continuous", MaintenanceKind.CONTINUOUS, "program-year-end", MaintenanceKind.PROGRAM_YEAR_END);
    private static final Map<String, DemotionMode> DEMOTION =
            Map.of("automatic", DemotionMode.AUTOMATIC, "approval", DemotionMode.APPROVAL);

    private enum MaintenanceKind {
        CONTINUOUS,
        PROGRAM_YEAR_END
    }

    private TierRulesLoader() {}

    public static TierRules load(Path file) {
        return read(YamlFiles.read(file));
    }

    public static TierRules parse(String content, String fileName) {
        return read(YamlFiles.parse(content, fileName));
    }

    public static TierRules read(YamlNode root) {
        if (!root.isMap()) {
            root.problem("must be a mapping of keys to values");
            throwIfAny(root.problems());
        }
        root.allowOnly(
                "rules-version", "currency", "promotion", "maintenance", "program-year-start", "demotion", "tiers");
        Optional<String> version = rulesVersion(root.required("rules-version"));
        Optional<String> currency = currency(root.required("currency"));
        PromotionCadence promotion =
                root.get("promotion").choice(PromotionCadence.class, PROMOTION).orElse(PromotionCadence.IMMEDIATE);
        Optional<Maintenance> maintenance = maintenance(root);
        DemotionMode demotion =
                root.get("demotion").choice(DemotionMode.class, DEMOTION).orElse(DemotionMode.AUTOMATIC);
        // An unusable currency is already reported; the placeholder only lets the criteria be checked too.
        CriterionReader criteria = new CriterionReader(currency.orElse("XXX"));
        List<Tier> tiers = new TierListReader(criteria).read(root.required("tiers"));
        throwIfAny(root.problems());
        return new TierRules(
                version.orElseThrow(), currency.orElseThrow(), promotion, maintenance.orElseThrow(), demotion, tiers);
    }

    private static Optional<String> rulesVersion(YamlNode node) {
        Optional<String> version = node.text().map(String::strip);
        if (version.isPresent() && version.get().isEmpty()) {
            node.problem("must not be empty");
            return Optional.empty();
        }
        return version;
    }

    private static Optional<String> currency(YamlNode node) {
        return node.text().filter(code -> {
            boolean known = code.matches("[A-Z]{3}") && isIsoCurrency(code);
            if (!known) {
                node.problem("must be an ISO 4217 currency code such as USD or EUR, not '" + code + "'");
            }
            return known;
        });
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Maintenance> maintenance(YamlNode root) {
        MaintenanceKind kind = root.get("maintenance")
                .choice(MaintenanceKind.class, MAINTENANCE)
                .orElse(MaintenanceKind.CONTINUOUS);
        YamlNode start = root.get("program-year-start");
        if (kind == MaintenanceKind.CONTINUOUS) {
            if (start.isPresent()) {
                start.problem("is only used with maintenance: program-year-end");
            }
            return Optional.of(new Maintenance.Continuous());
        }
        if (!start.isPresent()) {
            root.get("maintenance").problem("is program-year-end, so program-year-start (--MM-DD) is required too");
            return Optional.empty();
        }
        return start.text().flatMap(text -> monthDay(start, text)).map(Maintenance.ProgramYearEnd::new);
    }

    private static Optional<MonthDay> monthDay(YamlNode node, String text) {
        try {
            return Optional.of(MonthDay.parse(text));
        } catch (DateTimeParseException e) {
            node.problem("must be a month and day written --MM-DD, such as --07-01, not '" + text + "'");
            return Optional.empty();
        }
    }

    // YamlNode reports a duplicated key each time a mapping is read, and the readers look at some mappings
    // more than once; the admin should see each problem once.
    private static void throwIfAny(ConfigProblems problems) {
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException(List.copyOf(new LinkedHashSet<>(problems.messages())));
        }
    }
}
