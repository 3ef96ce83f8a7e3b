-- Instants are stored as fixed-width ISO-8601 UTC text (yyyy-MM-ddTHH:mm:ss.SSSZ) in every
-- vendor, so they sort as text and read the same everywhere.
CREATE TABLE settings (
    setting_key   VARCHAR(64)  NOT NULL PRIMARY KEY,
    setting_value TEXT         NOT NULL,
    updated_at    VARCHAR(32)  NOT NULL
);

CREATE TABLE hosts (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    name             VARCHAR(63)   NOT NULL UNIQUE,
    transport        VARCHAR(8)    NOT NULL CHECK (transport IN ('ssh', 'local')),
    address          VARCHAR(255)  NOT NULL,
    ssh_user         VARCHAR(64),
    port             INTEGER,
    identity_file    VARCHAR(1024),
    sources          TEXT          NOT NULL,
    excludes         TEXT          NOT NULL,
    default_excludes BOOLEAN       NOT NULL,
    rsync_options    TEXT          NOT NULL,
    ssh_options      TEXT          NOT NULL,
    bwlimit_kbps     INTEGER,
    fake_super       BOOLEAN       NOT NULL,
    acls             BOOLEAN       NOT NULL,
    xattrs           BOOLEAN       NOT NULL,
    accept_partial   BOOLEAN       NOT NULL,
    enabled          BOOLEAN       NOT NULL,
    created_at       VARCHAR(32)   NOT NULL,
    updated_at       VARCHAR(32)   NOT NULL
);

CREATE TABLE snapshots (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    host              VARCHAR(63)   NOT NULL,
    name              VARCHAR(64)   NOT NULL,
    path              TEXT NOT NULL,
    started_at        VARCHAR(32),
    finished_at       VARCHAR(32),
    status            VARCHAR(16)   NOT NULL,
    base_snapshot_id  BIGINT REFERENCES snapshots (id) ON DELETE SET NULL,
    base_name         VARCHAR(64),
    rsync_exit_code   INTEGER,
    files_total       BIGINT,
    files_created     BIGINT,
    files_updated     BIGINT,
    files_deleted     BIGINT,
    bytes_total       BIGINT,
    bytes_transferred BIGINT,
    new_bytes         BIGINT,
    warnings          TEXT,
    pinned            BOOLEAN       NOT NULL DEFAULT FALSE,
    recorded_at       VARCHAR(32)   NOT NULL,
    UNIQUE (host, name)
);

CREATE TABLE jobs (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    job_type     VARCHAR(16)  NOT NULL,
    trigger_type VARCHAR(16)  NOT NULL,
    dry_run      BOOLEAN      NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    started_at   VARCHAR(32)  NOT NULL,
    finished_at  VARCHAR(32),
    error        TEXT
);

CREATE TABLE job_hosts (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    job_id            BIGINT       NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    host              VARCHAR(63)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    stage             VARCHAR(16)  NOT NULL,
    stage_num         INTEGER      NOT NULL,
    started_at        VARCHAR(32)  NOT NULL,
    finished_at       VARCHAR(32),
    snapshot_name     VARCHAR(64),
    rsync_exit_code   INTEGER,
    files_total       BIGINT,
    files_created     BIGINT,
    files_updated     BIGINT,
    files_deleted     BIGINT,
    bytes_transferred BIGINT,
    new_bytes         BIGINT,
    error             TEXT,
    log_excerpt       TEXT,
    owner_pid         BIGINT,
    owner_node        VARCHAR(255)
);

CREATE INDEX job_hosts_host_status ON job_hosts (host, status);
CREATE INDEX job_hosts_job ON job_hosts (job_id);
CREATE INDEX jobs_started ON jobs (started_at);
