package io.prmsync.engagement;

import io.prmsync.engagement.EngagementFacts.Activity;
import io.prmsync.engagement.EngagementFacts.Certification;
import io.prmsync.engagement.EngagementFacts.CertificationStatus;
import io.prmsync.engagement.EngagementFacts.DealRegistration;
import io.prmsync.engagement.EngagementFacts.DealStatus;
import io.prmsync.engagement.EngagementFacts.TierPosition;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds engagement facts for tests; everything is evaluated on {@link #TODAY} unless a test says otherwise. */
final class Partner {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final EngagementRules SHIPPED = EngagementRulesLoader.load(Path.of("config/engagement-rules.yaml"));

    private final String id;
    private final LocalDate joinedOn;
    private final List<Certification> certifications = new ArrayList<>();
    private final List<DealRegistration> deals = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private Optional<BigDecimal> satisfaction = Optional.empty();
    private Optional<BigDecimal> previousSatisfaction = Optional.empty();
    private TierPosition tier = TierPosition.NONE;
    private Optional<NextTierGap> gap = Optional.empty();

    private Partner(String id, LocalDate joinedOn) {
        this.id = id;
        this.joinedOn = joinedOn;
    }

    static Partner joined(String date) {
        return new Partner("P-1", LocalDate.parse(date));
    }

    static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    Partner certification(String id, String code, String issued, String expires) {
        return certification(id, code, issued, expires, CertificationStatus.ACTIVE);
    }

    Partner certification(String id, String code, String issued, String expires, CertificationStatus status) {
        certifications.add(new Certification(
                id, code, day(issued), Optional.ofNullable(expires).map(LocalDate::parse), status));
        return this;
    }

    /** A registration still waiting for the vendor's decision. */
    Partner submitted(String id, String registered) {
        deals.add(new DealRegistration(
                id, day(registered), DealStatus.SUBMITTED, Optional.empty(), false, false, Optional.empty(), false));
        return this;
    }

    /** Approved before the PRM store ever saw it waiting: when is unknown. */
    Partner arrivedApproved(String id, String registered) {
        deals.add(new DealRegistration(
                id, day(registered), DealStatus.APPROVED, Optional.empty(), false, false, Optional.empty(), false));
        return this;
    }

    Partner approved(String id, String registered, String decided) {
        deals.add(new DealRegistration(
                id,
                day(registered),
                DealStatus.APPROVED,
                Optional.of(day(decided)),
                false,
                false,
                Optional.empty(),
                false));
        return this;
    }

    Partner rejected(String id, String registered, String decided) {
        deals.add(new DealRegistration(
                id,
                day(registered),
                DealStatus.REJECTED,
                Optional.of(day(decided)),
                false,
                false,
                Optional.empty(),
                false));
        return this;
    }

    Partner won(String id, String registered, String decided, String closed, boolean newCustomer) {
        deals.add(new DealRegistration(
                id,
                day(registered),
                DealStatus.APPROVED,
                Optional.of(day(decided)),
                true,
                true,
                Optional.of(day(closed)),
                newCustomer));
        return this;
    }

    Partner deal(DealRegistration deal) {
        deals.add(deal);
        return this;
    }

    Partner activity(String id, String kind, String occurred, int points) {
        activities.add(new Activity(id, kind, day(occurred), points));
        return this;
    }

    Partner satisfaction(String now, String before) {
        satisfaction = Optional.of(new BigDecimal(now));
        previousSatisfaction = Optional.of(new BigDecimal(before));
        return this;
    }

    Partner tier(String code, boolean demotionPending, boolean graceRunning) {
        tier = new TierPosition(Optional.of(code), demotionPending, graceRunning);
        return this;
    }

    Partner gap(NextTierGap nextTierGap) {
        gap = Optional.of(nextTierGap);
        return this;
    }

    EngagementFacts facts() {
        return new EngagementFacts(
                id, joinedOn, certifications, deals, activities, satisfaction, previousSatisfaction, tier, gap);
    }

    EngagementAssessment evaluate() {
        return new EngagementEngine(SHIPPED).evaluate(facts(), TODAY);
    }
}
