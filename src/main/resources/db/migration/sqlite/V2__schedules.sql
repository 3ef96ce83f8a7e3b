-- Per-host schedules: a host with a row here is snapshotted at its cron times, and left out of
-- the interval snapshot job (unless the row is disabled).
CREATE TABLE schedules (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    host        VARCHAR(63)   NOT NULL UNIQUE REFERENCES hosts (name) ON DELETE CASCADE,
    cron        VARCHAR(255)  NOT NULL,
    prune       BOOLEAN       NOT NULL,
    enabled     BOOLEAN       NOT NULL,
    created_at  VARCHAR(32)   NOT NULL,
    updated_at  VARCHAR(32)   NOT NULL
);

-- db-scheduler 16's table, as its sqlite_tables.sql defines it. Its timestamps are written by
-- db-scheduler itself (SqliteJdbcCustomization persists them in UTC; sqlite-jdbc stores them as
-- epoch milliseconds), not by our Sql.instant text encoding.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100),
    task_instance        VARCHAR(100),
    task_data            BLOB,
    execution_time       TIMESTAMP,
    picked               BIT,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP,
    last_failure         TIMESTAMP,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP,
    version              BIGINT,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
