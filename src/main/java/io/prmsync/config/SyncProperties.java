package io.prmsync.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sync engine, under {@code prm-sync.sync}.
 *
 * @param mappingsDir directory of the entity mapping files; each file is one flow, named after the file
 * @param queryPageSize records per query page requested from Salesforce (200–2,000)
 * @param writeBatchSize records per sObject Collections call (1–200)
 * @param parkTimeout how long a child waits for its parent before it becomes a dead letter
 */
@Validated
@ConfigurationProperties("prm-sync.sync")
public record SyncProperties(
        @DefaultValue("config/mappings") Path mappingsDir,
        @DefaultValue("2000") @Min(200) @Max(2000) int queryPageSize,
        @DefaultValue("200") @Min(1) @Max(200) int writeBatchSize,
        @DefaultValue("PT24H") Duration parkTimeout) {
}
