-- PRM store and sync state. Portable between H2 2.x and PostgreSQL: standard types only,
-- identity columns, no vendor functions. Timestamps are always TIMESTAMP WITH TIME ZONE.

CREATE TABLE partner_account (
    partner_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name                VARCHAR(255) NOT NULL,
    website             VARCHAR(255),
    phone               VARCHAR(64),
    industry            VARCHAR(128),
    billing_street      VARCHAR(255),
    billing_city        VARCHAR(128),
    billing_postal_code VARCHAR(32),
    billing_country     VARCHAR(128),
    annual_revenue      NUMERIC(18, 2),
    employees           INTEGER,
    description         VARCHAR(4000),
    partner_status      VARCHAR(16)  DEFAULT 'ACTIVE' NOT NULL,
    engagement_stage    VARCHAR(32),
    -- The tier the program gives the partner (set by the tier engine) and a channel manager's manual override.
    tier_code           VARCHAR(32),
    tier_override_code  VARCHAR(32),
    tier_override_expires_on DATE,
    customer_satisfaction NUMERIC(5, 2),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX partner_account_changes ON partner_account (updated_at, partner_id);

CREATE TABLE deal_registration (
    deal_id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    partner_id          VARCHAR(64)  NOT NULL REFERENCES partner_account (partner_id),
    customer_company    VARCHAR(255) NOT NULL,
    customer_contact    VARCHAR(255),
    customer_email      VARCHAR(255),
    amount              NUMERIC(18, 2),
    currency            CHAR(3),
    -- The amount of the Opportunity the deal converted into, as Salesforce reports it (deal outcomes).
    opportunity_amount  NUMERIC(18, 2),
    expected_close_date DATE,
    new_customer        BOOLEAN      DEFAULT FALSE NOT NULL,
    registration_status VARCHAR(16)  DEFAULT 'SUBMITTED' NOT NULL,
    rejection_reason    VARCHAR(1000),
    stage               VARCHAR(64),
    close_date          DATE,
    won                 BOOLEAN      DEFAULT FALSE NOT NULL,
    closed              BOOLEAN      DEFAULT FALSE NOT NULL,
    sf_opportunity_id   VARCHAR(18),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX deal_registration_changes ON deal_registration (updated_at, deal_id);
CREATE INDEX deal_registration_partner ON deal_registration (partner_id, close_date);

CREATE TABLE certification (
    certification_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    partner_id          VARCHAR(64)  NOT NULL REFERENCES partner_account (partner_id),
    code                VARCHAR(64)  NOT NULL,
    holder_name         VARCHAR(255),
    holder_email        VARCHAR(255),
    issued_on           DATE,
    expires_on          DATE,
    status              VARCHAR(16)  DEFAULT 'ACTIVE' NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX certification_changes ON certification (updated_at, certification_id);
CREATE INDEX certification_partner ON certification (partner_id, expires_on);

-- Tier definitions mirror config/tier-rules.yaml; rank orders them lowest first.
CREATE TABLE tier_level (
    tier_code           VARCHAR(32)  NOT NULL PRIMARY KEY,
    name                VARCHAR(128) NOT NULL,
    -- Order of the tiers in the current rules; tiers dropped from the rules keep their last rank.
    tier_rank           INTEGER      NOT NULL,
    rules_version       VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tier_level_changes ON tier_level (updated_at, tier_code);

-- The engine's standing of each partner: its own tier (an override lives on partner_account), grace, pending drop.
CREATE TABLE tier_membership (
    partner_id          VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES partner_account (partner_id),
    tier_code           VARCHAR(32)  REFERENCES tier_level (tier_code),
    since               DATE         NOT NULL,
    grace_until         DATE,
    pending_tier_code   VARCHAR(32),
    -- The tier the partner holds with any override applied: what Salesforce shows.
    effective_tier_code VARCHAR(32)  REFERENCES tier_level (tier_code),
    evaluated_at        TIMESTAMP WITH TIME ZONE,
    rules_version       VARCHAR(64),
    explanation         VARCHAR(100000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tier_membership_changes ON tier_membership (updated_at, partner_id);

CREATE TABLE tier_history (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    partner_id          VARCHAR(64)  NOT NULL REFERENCES partner_account (partner_id),
    from_tier_code      VARCHAR(32),
    to_tier_code        VARCHAR(32),
    change_kind         VARCHAR(32)  NOT NULL,
    changed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    rules_version       VARCHAR(64)  NOT NULL,
    explanation         VARCHAR(100000) NOT NULL
);
CREATE INDEX tier_history_partner ON tier_history (partner_id, changed_at);

-- Partner activities feed activity points and engagement signals (PRACT path).
CREATE TABLE activity (
    activity_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    partner_id          VARCHAR(64)  NOT NULL REFERENCES partner_account (partner_id),
    kind                VARCHAR(32)  NOT NULL,
    occurred_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    points              INTEGER      DEFAULT 0 NOT NULL,
    details             VARCHAR(4000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX activity_partner ON activity (partner_id, occurred_at);

-- Sync state. A watermark is the (stamp, record id) pair of the last row applied, per flow and direction.
CREATE TABLE sync_watermark (
    flow                VARCHAR(64)  NOT NULL,
    direction           VARCHAR(16)  NOT NULL,
    stamp               TIMESTAMP WITH TIME ZONE NOT NULL,
    record_id           VARCHAR(64)  NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (flow, direction)
);

-- Per record: the Salesforce id it is paired with and hashes of the values Salesforce is known to hold,
-- split by the fields each direction carries, so that our own writes coming back are recognised.
CREATE TABLE sync_record_state (
    entity              VARCHAR(32)  NOT NULL,
    prm_key             VARCHAR(64)  NOT NULL,
    sf_id               VARCHAR(18),
    inbound_hash        VARCHAR(64),
    outbound_hash       VARCHAR(64),
    -- latest-wins fields as last agreed by both sides (JSON), to tell which side changed a field since
    base_values         VARCHAR(100000),
    last_inbound_at     TIMESTAMP WITH TIME ZONE,
    last_outbound_at    TIMESTAMP WITH TIME ZONE,
    last_error_code     VARCHAR(64),
    last_error_message  VARCHAR(4000),
    PRIMARY KEY (entity, prm_key)
);
CREATE UNIQUE INDEX sync_record_state_sf_id ON sync_record_state (entity, sf_id);

CREATE TABLE sync_run (
    run_id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    flow                VARCHAR(64)  NOT NULL,
    direction           VARCHAR(16)  NOT NULL,
    mode                VARCHAR(16)  NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE,
    records_total       BIGINT,
    records_done        BIGINT       DEFAULT 0 NOT NULL,
    records_changed     BIGINT       DEFAULT 0 NOT NULL,
    records_failed      BIGINT       DEFAULT 0 NOT NULL,
    api_calls           BIGINT       DEFAULT 0 NOT NULL,
    message             VARCHAR(4000)
);
CREATE INDEX sync_run_flow ON sync_run (flow, direction, started_at);

CREATE TABLE dead_letter (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    flow                VARCHAR(64)  NOT NULL,
    direction           VARCHAR(16)  NOT NULL,
    record_key          VARCHAR(64)  NOT NULL,
    payload             VARCHAR(1000000),
    error_code          VARCHAR(64)  NOT NULL,
    error_message       VARCHAR(4000),
    attempts            INTEGER      DEFAULT 1 NOT NULL,
    first_failed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(16)  DEFAULT 'OPEN' NOT NULL,
    resolved_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX dead_letter_lookup ON dead_letter (flow, direction, record_key);

-- A child (deal, certification) whose parent account is not yet on the other side waits here.
CREATE TABLE parked_record (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    flow                VARCHAR(64)  NOT NULL,
    direction           VARCHAR(16)  NOT NULL,
    record_key          VARCHAR(64)  NOT NULL,
    parent_key          VARCHAR(64)  NOT NULL,
    payload             VARCHAR(1000000),
    parked_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts            INTEGER      DEFAULT 0 NOT NULL,
    UNIQUE (flow, direction, record_key)
);

CREATE TABLE sync_conflict (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    entity              VARCHAR(32)  NOT NULL,
    prm_key             VARCHAR(64)  NOT NULL,
    field               VARCHAR(128) NOT NULL,
    salesforce_value    VARCHAR(4000),
    prm_value           VARCHAR(4000),
    winner              VARCHAR(16)  NOT NULL,
    detected_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Webhooks are stored before they are acknowledged; the inbox route drains them.
CREATE TABLE webhook_inbox (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source              VARCHAR(32)  NOT NULL,
    event_id            VARCHAR(128) NOT NULL,
    entity              VARCHAR(32)  NOT NULL,
    record_id           VARCHAR(64)  NOT NULL,
    operation           VARCHAR(16)  NOT NULL,
    payload             VARCHAR(1000000),
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(16)  DEFAULT 'PENDING' NOT NULL,
    attempts            INTEGER      DEFAULT 0 NOT NULL,
    processed_at        TIMESTAMP WITH TIME ZONE,
    last_error          VARCHAR(4000),
    UNIQUE (source, event_id)
);
CREATE INDEX webhook_inbox_pending ON webhook_inbox (status, id);
