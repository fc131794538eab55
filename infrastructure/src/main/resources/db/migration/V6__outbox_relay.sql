-- Several servers sharing the database (a cluster, issue 17): one of them relays the outbox at a time, so
-- that each event is published once and each extension's events are numbered once, in order. The relay
-- holds a lease it renews while it runs; another node takes over when the lease runs out (a dead node).
-- Times in epoch milliseconds: the same on H2 and PostgreSQL, whatever the servers' time zones.
CREATE TABLE outbox_relay (
    id          INTEGER      NOT NULL PRIMARY KEY,
    holder      VARCHAR(128),
    lease_until BIGINT       NOT NULL
);

INSERT INTO outbox_relay (id, holder, lease_until) VALUES (1, NULL, 0);
