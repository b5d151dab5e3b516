package io.prmsync.admin;

import io.prmsync.sync.check.OrgCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Checks a flow's mapping against the org now; a check that passes lets a stopped flow run again. */
@RestController
@RequestMapping("/api/sync")
class OrgCheckController {

    private final OrgCheck check;

    OrgCheckController(OrgCheck check) {
        this.check = check;
    }

    @Operation(
            summary =
                    "Checks the flow's mapping against the connected org: objects, fields, types, lengths and the integration user's access")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "No mapping defines the flow")
    @PostMapping("/{flow}/check")
    OrgCheck.Report check(@PathVariable String flow) {
        return check.check(flow);
    }
}
