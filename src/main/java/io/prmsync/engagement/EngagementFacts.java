package io.prmsync.engagement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the engagement rules look at for one partner, already read from the PRM store. Records may cover any
 * period; every rule picks the ones inside its own window. Rows the store has soft-deleted are left out by the
 * reader, which is how a deleted source loses its points. Each record is kept once per id.
 */
public record EngagementFacts(
        String partnerId,
        LocalDate joinedOn,
        List<Certification> certifications,
        List<DealRegistration> deals,
        List<Activity> activities,
        Optional<BigDecimal> customerSatisfaction,
        Optional<BigDecimal> previousCustomerSatisfaction,
        TierPosition tier,
        Optional<NextTierGap> nextTierGap) {

    public EngagementFacts {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(joinedOn, "joinedOn");
        certifications = oncePerId(certifications, Certification::certificationId);
        deals = oncePerId(deals, DealRegistration::dealId);
        activities = oncePerId(activities, Activity::activityId);
        Objects.requireNonNull(customerSatisfaction, "customerSatisfaction");
        Objects.requireNonNull(previousCustomerSatisfaction, "previousCustomerSatisfaction");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(nextTierGap, "nextTierGap");
    }

    /**
     * A record delivered twice (a replay, a reader joining rows) is one record: the first one given for an id is
     * kept, so no count, share or point can see it twice.
     */
    private static <T> List<T> oncePerId(List<T> records, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        records.forEach(record -> byId.putIfAbsent(id.apply(record), record));
        return List.copyOf(byId.values());
    }

    public enum CertificationStatus {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    /** One certification held by someone at the partner; only an ACTIVE one earns points or counts. */
    /** The same records, with the tier the tier rules just decided and what the next tier still needs. */
    public EngagementFacts withTier(TierPosition position, Optional<NextTierGap> gap) {
        return new EngagementFacts(
                partnerId,
                joinedOn,
                certifications,
                deals,
                activities,
                customerSatisfaction,
                previousCustomerSatisfaction,
                position,
                gap);
    }

    public record Certification(
            String certificationId,
            String code,
            LocalDate issuedOn,
            Optional<LocalDate> expiresOn,
            CertificationStatus status) {

        public Certification {
            Objects.requireNonNull(certificationId, "certificationId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(issuedOn, "issuedOn");
            Objects.requireNonNull(expiresOn, "expiresOn");
            Objects.requireNonNull(status, "status");
        }

        /** ACTIVE, issued on or before {@code day} and not expired before it (the expiry day still counts). */
        public boolean isActiveOn(LocalDate day) {
            return status == CertificationStatus.ACTIVE
                    && !issuedOn.isAfter(day)
                    && expiresOn.map(expiry -> !expiry.isBefore(day)).orElse(true);
        }
    }

    public enum DealStatus {
        SUBMITTED,
        APPROVED,
        REJECTED
    }

    /**
     * A deal registration. {@code decidedOn} is the day its status left SUBMITTED; {@code closeDate} is known once
     * Salesforce reports the outcome.
     */
    public record DealRegistration(
            String dealId,
            LocalDate registeredOn,
            DealStatus status,
            Optional<LocalDate> decidedOn,
            boolean won,
            boolean closed,
            Optional<LocalDate> closeDate,
            boolean newCustomer) {

        public DealRegistration {
            Objects.requireNonNull(dealId, "dealId");
            Objects.requireNonNull(registeredOn, "registeredOn");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(decidedOn, "decidedOn");
            Objects.requireNonNull(closeDate, "closeDate");
        }

        boolean isRejected() {
            return status == DealStatus.REJECTED;
        }

        /**
         * Decided, but never seen waiting, so when is unknown: it arrived decided (the first sync of an org with
         * years of history, say). Such a decision says nothing about the vendor's speed, fast or slow.
         */
        boolean decidedAtUnknownTime() {
            return status != DealStatus.SUBMITTED && decidedOn.isEmpty();
        }

        /** Won and closed, with the day it closed; a rejected registration never counts as a win. */
        Optional<LocalDate> wonOn() {
            return won && closed && !isRejected() ? closeDate : Optional.empty();
        }

        /**
         * Decided later than {@code sla} after registering, or still undecided past it on {@code today}: a
         * registration nobody has looked at is already late.
         */
        boolean overSla(Period sla, LocalDate today) {
            LocalDate due = registeredOn.plus(sla);
            return decidedOn.map(day -> day.isAfter(due)).orElse(today.isAfter(due));
        }
    }

    /** A PRM activity; {@code kind} is free text such as {@code co-sell}, {@code points} the PRM's own value. */
    public record Activity(String activityId, String kind, LocalDate occurredOn, int points) {

        public Activity {
            Objects.requireNonNull(activityId, "activityId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(occurredOn, "occurredOn");
        }
    }

    /** The partner's standing in the tier engine: its tier, and whether it is about to lose it. */
    public record TierPosition(Optional<String> tierCode, boolean demotionPending, boolean graceRunning) {

        public static final TierPosition NONE = new TierPosition(Optional.empty(), false, false);

        public TierPosition {
            Objects.requireNonNull(tierCode, "tierCode");
        }
    }
}
