package io.prmsync.tier;

import io.prmsync.tier.PartnerFacts.Activity;
import io.prmsync.tier.PartnerFacts.Certification;
import io.prmsync.tier.PartnerFacts.Deal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link PartnerFacts} in a line per fact, so each test shows only what matters to it. */
final class Facts {

    private final String partnerId;
    private final List<Certification> certifications = new ArrayList<>();
    private final List<Deal> deals = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private Optional<BigDecimal> satisfaction = Optional.empty();

    private Facts(String partnerId) {
        this.partnerId = partnerId;
    }

    static Facts partner(String partnerId) {
        return new Facts(partnerId);
    }

    Facts certified(String code, LocalDate issuedOn) {
        certifications.add(new Certification(code, issuedOn, Optional.empty()));
        return this;
    }

    Facts certified(String code, LocalDate issuedOn, LocalDate expiresOn) {
        certifications.add(new Certification(code, issuedOn, Optional.of(expiresOn)));
        return this;
    }

    Facts won(String amount, String currency, LocalDate closed) {
        deals.add(new Deal(new BigDecimal(amount), currency, true, closed, false));
        return this;
    }

    Facts wonNewCustomer(String amount, String currency, LocalDate closed) {
        deals.add(new Deal(new BigDecimal(amount), currency, true, closed, true));
        return this;
    }

    Facts lost(String amount, String currency, LocalDate closed, boolean newCustomer) {
        deals.add(new Deal(new BigDecimal(amount), currency, false, closed, newCustomer));
        return this;
    }

    Facts activity(LocalDate occurredAt, int points) {
        activities.add(new Activity(occurredAt, points));
        return this;
    }

    Facts satisfaction(String score) {
        satisfaction = Optional.of(new BigDecimal(score));
        return this;
    }

    PartnerFacts build() {
        return new PartnerFacts(partnerId, certifications, deals, activities, satisfaction);
    }
}
