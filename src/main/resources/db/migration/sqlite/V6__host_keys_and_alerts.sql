-- The ssh host key pullback trusts for a host: recorded at the first successful contact
-- (accept-new), replaced only by 'pullback host trust HOST'. known_hosts is what ssh checks;
-- this row is what people see (and the key before a change, for the alert).
CREATE TABLE host_keys (
    host        VARCHAR(63)  NOT NULL PRIMARY KEY REFERENCES hosts (name) ON DELETE CASCADE,
    key_type    VARCHAR(32)  NOT NULL,
    fingerprint VARCHAR(100) NOT NULL,
    first_seen  VARCHAR(32)  NOT NULL,
    trusted_at  VARCHAR(32)
);

-- Alerts that need a person: a changed host key today, anomalies (ransomware heuristics) later.
-- One open alert per host and kind; acknowledging closes it.
CREATE TABLE anomaly_alerts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    host            VARCHAR(63)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    message         VARCHAR(2000) NOT NULL,
    created_at      VARCHAR(32)  NOT NULL,
    acknowledged_at VARCHAR(32)
);
CREATE INDEX anomaly_alerts_open ON anomaly_alerts (host, kind, acknowledged_at);
