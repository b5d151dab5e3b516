package io.prmsync.tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tier rules look at for one partner, already read from the PRM store. Deals and activities may
 * cover any period: the criteria pick the ones inside their own windows.
 */
public record PartnerFacts(
        String partnerId,
        List<Certification> certifications,
        List<Deal> deals,
        List<Activity> activities,
        Optional<BigDecimal> customerSatisfaction) {

    public PartnerFacts {
        Objects.requireNonNull(partnerId, "partnerId");
        certifications = List.copyOf(certifications);
        deals = List.copyOf(deals);
        activities = List.copyOf(activities);
        Objects.requireNonNull(customerSatisfaction, "customerSatisfaction");
    }

    /** One certification held by someone at the partner; each certified person counts. */
    public record Certification(String code, LocalDate issuedOn, Optional<LocalDate> expiresOn) {

        public Certification {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(issuedOn, "issuedOn");
            Objects.requireNonNull(expiresOn, "expiresOn");
        }

        /** Active from the day of issue through the day of expiry, both included. */
        public boolean isActiveOn(LocalDate day) {
            return !issuedOn.isAfter(day)
                    && expiresOn.map(expiry -> !expiry.isBefore(day)).orElse(true);
        }
    }

    /**
     * A registered deal. {@code closeDate} is required because Salesforce requires it on every Opportunity;
     * for open deals it is the expected close date, which no criterion counts because they only count won deals.
     */
    public record Deal(BigDecimal amount, String currency, boolean won, LocalDate closeDate, boolean newCustomer) {

        public Deal {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(closeDate, "closeDate");
        }
    }

    /** Points may be negative, so an admin can correct points granted by mistake. */
    /** The same facts with {@code points} as the activity points earned. */
    public PartnerFacts withActivities(List<Activity> points) {
        return new PartnerFacts(partnerId, certifications, deals, points, customerSatisfaction);
    }

    public record Activity(LocalDate occurredAt, int points) {

        public Activity {
            Objects.requireNonNull(occurredAt, "occurredAt");
        }
    }
}
