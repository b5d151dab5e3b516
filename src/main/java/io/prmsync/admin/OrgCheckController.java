package io.prmsync.admin;

import io.prmsync.sync.check.OrgCheck;
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

    @PostMapping("/{flow}/check")
    OrgCheck.Report check(@PathVariable String flow) {
        return check.check(flow);
    }
}
