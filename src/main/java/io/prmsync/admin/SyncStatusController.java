package io.prmsync.admin;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sync")
class SyncStatusController {

    private final SyncStatusService status;

    SyncStatusController(SyncStatusService status) {
        this.status = status;
    }

    @GetMapping("/status")
    List<FlowStatus> status() {
        return status.flows();
    }
}
