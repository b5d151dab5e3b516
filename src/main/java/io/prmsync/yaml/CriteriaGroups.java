package io.prmsync.yaml;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code all:} / {@code any:} groups that tier and engagement criteria share, read the same way for both: a
 * group holds a non-empty list of items (criteria or groups again), and one bad item leaves the group unread while
 * every problem is still reported.
 */
public final class CriteriaGroups {

    private CriteriaGroups() {}

    public static boolean isGroup(YamlNode node) {
        return node.get("all").isPresent() || node.get("any").isPresent();
    }

    public static <C> Optional<C> read(
            YamlNode node,
            Function<YamlNode, Optional<C>> item,
            Function<List<C>, C> allOf,
            Function<List<C>, C> anyOf) {
        node.allowOnly("all", "any");
        YamlNode all = node.get("all");
        if (all.isPresent() && node.get("any").isPresent()) {
            node.problem("must have either 'all' or 'any', not both");
            return Optional.empty();
        }
        YamlNode list = all.isPresent() ? all : node.get("any");
        if (!list.isList() || list.items().isEmpty()) {
            list.problem("must be a list of at least one criterion");
            return Optional.empty();
        }
        List<Optional<C>> parts = list.items().stream().map(item).toList();
        if (parts.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        List<C> criteria = parts.stream().map(Optional::orElseThrow).toList();
        return Optional.of(all.isPresent() ? allOf.apply(criteria) : anyOf.apply(criteria));
    }
}
