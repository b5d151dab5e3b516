package io.prmsync.tier;

import java.util.List;
import java.util.stream.Collectors;

/** One-line phrases for decision summaries, kept in one place so all summaries read alike. */
final class Wording {

    private Wording() {}

    /** "all 3 promote-when criteria met", "1 of 2 keep-when criteria met". */
    static String met(String rule, CheckResult result) {
        int total = result.parts().size();
        if (total == 0) {
            return rule + " met";
        }
        if (total == 1) {
            return "the one " + rule + " criterion met";
        }
        long met = result.parts().stream().filter(CheckResult::met).count();
        return (met == total ? "all " + total : met + " of " + total) + " " + rule + " criteria met";
    }

    /** "active certifications: 0 (needs ≥ 1); …", naming each member of {@code result} that failed. */
    static String failures(CheckResult result) {
        List<CheckResult> failed = result.parts().isEmpty() ? List.of(result) : result.unmetParts();
        return failed.stream()
                .map(part -> part.criterion() + ": " + part.actual() + " (needs " + part.required() + ")")
                .collect(Collectors.joining("; "));
    }
}
