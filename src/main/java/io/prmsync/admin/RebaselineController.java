package io.prmsync.admin;

import io.prmsync.sync.check.OrgIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Starting over with another Salesforce org: watermarks, pairings and parked records of the old one are forgotten. */
@RestController
@RequestMapping("/api/sync")
class RebaselineController {

    private final OrgIdentity identity;

    RebaselineController(OrgIdentity identity) {
        this.identity = identity;
    }

    /** {@code org} must name the connected org, so a re-baseline is always meant for the org it lands on. */
    @Operation(
            summary =
                    "Forgets the sync state of another org (after a sandbox refresh); org must name the connected org")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "org does not name the connected org")
    @PostMapping("/rebaseline")
    Map<String, Object> rebaseline(@RequestParam String org) {
        return Map.of("org", org, "removed", identity.rebaseline(org));
    }
}
