-- The service state of the PBX: users with their forwardings, profiles and active profile; queues;
-- REST accounts; the audit trail; JMS messages already applied (idempotent redelivery).
-- Portable SQL: the same script runs on H2 2.x and PostgreSQL 12+.

CREATE TABLE users (
    extension               VARCHAR(6)   NOT NULL PRIMARY KEY,
    name                    VARCHAR(200) NOT NULL,
    fixed_number            VARCHAR(20),
    mobile_number           VARCHAR(20),
    forward_unconditional   VARCHAR(20),
    forward_no_answer       VARCHAR(20),
    forward_busy            VARCHAR(20),
    no_answer_delay_seconds INTEGER      NOT NULL,
    active_profile          INTEGER      NOT NULL,
    active_profile_until    TIMESTAMP WITH TIME ZONE,
    transfer_mode           VARCHAR(10)  NOT NULL,
    call_waiting            BOOLEAN      NOT NULL,
    hide_number_external    BOOLEAN      NOT NULL,
    mobile_follows_fixed    BOOLEAN      NOT NULL,
    sip_realm               VARCHAR(200) NOT NULL,
    sip_ha1_md5             VARCHAR(32)  NOT NULL,
    sip_ha1_sha256          VARCHAR(64)  NOT NULL,
    version                 BIGINT       NOT NULL
);
CREATE UNIQUE INDEX users_fixed_number ON users (fixed_number);
CREATE UNIQUE INDEX users_mobile_number ON users (mobile_number);
CREATE INDEX users_active_profile_until ON users (active_profile_until);

CREATE TABLE profiles (
    extension                VARCHAR(6)   NOT NULL REFERENCES users (extension) ON DELETE CASCADE,
    number                   INTEGER      NOT NULL,
    name                     VARCHAR(100) NOT NULL,
    handling                 VARCHAR(10)  NOT NULL,
    forward_to               VARCHAR(20),
    referral_message         VARCHAR(500),
    default_duration_seconds BIGINT,
    PRIMARY KEY (extension, number)
);

CREATE TABLE queues (
    number   INTEGER      NOT NULL PRIMARY KEY,
    name     VARCHAR(100) NOT NULL,
    strategy VARCHAR(20)  NOT NULL,
    version  BIGINT       NOT NULL
);

CREATE TABLE queue_members (
    queue_number INTEGER    NOT NULL REFERENCES queues (number) ON DELETE CASCADE,
    extension    VARCHAR(6) NOT NULL REFERENCES users (extension) ON DELETE CASCADE,
    logged_in    BOOLEAN    NOT NULL,
    PRIMARY KEY (queue_number, extension)
);
CREATE INDEX queue_members_extension ON queue_members (extension);

CREATE TABLE accounts (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(10)  NOT NULL,
    extension     VARCHAR(6) REFERENCES users (extension) ON DELETE CASCADE
);

CREATE SEQUENCE audit_records_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE audit_records (
    id          BIGINT        NOT NULL PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    entry_point VARCHAR(10)   NOT NULL,
    extension   VARCHAR(6),
    action      VARCHAR(100)  NOT NULL,
    before_state VARCHAR(4000) NOT NULL,
    after_state  VARCHAR(4000) NOT NULL
);
CREATE INDEX audit_records_extension_at ON audit_records (extension, at);
CREATE INDEX audit_records_at ON audit_records (at);

CREATE TABLE processed_messages (
    message_id   VARCHAR(200) NOT NULL PRIMARY KEY,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
