-- Per-host schedules: a host with a row here is snapshotted at its cron times, and left out of
-- the interval snapshot job (unless the row is disabled).
CREATE TABLE schedules (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    host        VARCHAR(63)   NOT NULL UNIQUE,
    cron        VARCHAR(255)  NOT NULL,
    prune       BOOLEAN       NOT NULL,
    enabled     BOOLEAN       NOT NULL,
    created_at  VARCHAR(32)   NOT NULL,
    updated_at  VARCHAR(32)   NOT NULL,
    CONSTRAINT schedules_host_fk FOREIGN KEY (host) REFERENCES hosts (name) ON DELETE CASCADE
);

-- db-scheduler 16's table, as its mariadb_tables.sql defines it, with one change: DATETIME(6)
-- instead of TIMESTAMP(6). db-scheduler writes these columns in UTC (alwaysPersistTimestampInUTC);
-- a TIMESTAMP column would convert them through the session time zone (a UTC wall time that falls
-- in that zone's spring-forward gap is silently moved), ends in 2038, and, where
-- explicit_defaults_for_timestamp is off, updates itself on every UPDATE. DATETIME stores the
-- value as given.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
    execution_time       DATETIME(6) NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(50),
    last_success         DATETIME(6) NULL,
    last_failure         DATETIME(6) NULL,
    consecutive_failures INT,
    last_heartbeat       DATETIME(6) NULL,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance),
    INDEX execution_time_idx (execution_time),
    INDEX last_heartbeat_idx (last_heartbeat),
    INDEX priority_execution_time_idx (priority DESC, execution_time ASC)
);
