package io.prmsync.admin;

import io.prmsync.salesforce.ApiUsage;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/sync")
class SyncStatusController {

    private final SyncStatusService status;
    private final ApiUsage apiUsage;

    SyncStatusController(SyncStatusService status, ApiUsage apiUsage) {
        this.status = status;
        this.apiUsage = apiUsage;
    }

    @Operation(
            summary =
                    "Every flow and direction: last run, watermark, records synced, dead letters, pause and which node holds it")
    @GetMapping("/status")
    List<FlowStatus> status() {
        return status.flows();
    }

    /** The org's daily API budget as Salesforce last reported it ({@code Sforce-Limit-Info}). */
    @Operation(summary = "The org's daily API budget as Salesforce last reported it")
    @GetMapping("/api-usage")
    ApiUsage.Reading apiUsage() {
        return apiUsage.latest()
                .orElseThrow(
                        () -> new ResponseStatusException(
                                HttpStatus.NOT_FOUND,
                                "Salesforce has not reported its API usage yet: no flow has called it since the service started"));
    }
}
