package io.prmsync.engagement;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/** What risk signals read: the records, the day, the stage reached, the ledger within caps, the decision SLA. */
record RiskInputs(
        EngagementFacts facts,
        LocalDate today,
        StageEvaluation stage,
        List<LedgerEntry> withinCaps,
        Period dealDecisionSla) {}
