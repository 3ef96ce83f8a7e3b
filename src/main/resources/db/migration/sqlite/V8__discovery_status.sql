-- Each host's last preflight (and last import) as discovery found it, so the host page shows it
-- without scanning the disk again; discover-snapshots in the CLI and the server both write it.
CREATE TABLE discovery_status (
    host           VARCHAR(63)  NOT NULL PRIMARY KEY REFERENCES hosts (name) ON DELETE CASCADE,
    checked_at     VARCHAR(32)  NOT NULL,
    dir_state      VARCHAR(16)  NOT NULL,
    layout         VARCHAR(64)  NOT NULL,
    complete_count INTEGER      NOT NULL,
    partial_count  INTEGER      NOT NULL,
    unknown_count  INTEGER      NOT NULL,
    warnings       TEXT         NOT NULL,
    imported_at    VARCHAR(32),
    import_summary TEXT
);
