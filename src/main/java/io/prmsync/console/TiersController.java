package io.prmsync.console;

import io.prmsync.admin.TierRulesDryRun;
import io.prmsync.yaml.ConfigInvalidException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The tier rules in force, and a dry run of candidate rules through the service {@code /api/tiers/dry-run} uses. */
@Controller
class TiersController {

    private final TierRulesDryRun dryRun;
    private final Path rulesFile;

    TiersController(
            TierRulesDryRun dryRun, @Value("${prm-sync.tiers.rules-file:config/tier-rules.yaml}") Path rulesFile) {
        this.dryRun = dryRun;
        this.rulesFile = rulesFile;
    }

    @GetMapping("/console/tiers")
    String rules(Model model) {
        model.addAttribute("candidate", fileAsItIs());
        return page(model);
    }

    @PostMapping("/console/tiers/dry-run")
    String dryRun(@RequestParam String candidate, Model model) {
        model.addAttribute("candidate", candidate);
        try {
            model.addAttribute("report", dryRun.compare(candidate));
        } catch (ConfigInvalidException invalid) {
            model.addAttribute("error", invalid.getMessage());
        }
        return page(model);
    }

    private String page(Model model) {
        model.addAttribute("rules", dryRun.current());
        model.addAttribute("rulesFile", rulesFile.toString());
        return "console/tiers";
    }

    /** The file as it is on disk now, to start editing from (the rules in force were read from it at start-up). */
    private String fileAsItIs() {
        try {
            return Files.readString(rulesFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + rulesFile, e);
        }
    }
}
