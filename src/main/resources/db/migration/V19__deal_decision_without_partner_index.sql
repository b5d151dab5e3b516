-- deal_decision is read and written by deal id only (joined to deal_registration, kept by the evaluation); its
-- partner index served no query and was one more entry to write and commit for every registration first seen
-- waiting: 42,000 of them in the benchmark's first evaluation of 20,000 partners.
DROP INDEX deal_decision_partner;
