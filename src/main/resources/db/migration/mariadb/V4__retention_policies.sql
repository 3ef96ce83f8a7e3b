-- A host's retention override: a null column inherits the global default (environment).
CREATE TABLE retention_policies (
    host           VARCHAR(63) NOT NULL PRIMARY KEY REFERENCES hosts (name) ON DELETE CASCADE,
    keep_last      INTEGER,
    hourly_hours   INTEGER,
    daily_days     INTEGER,
    weekly_weeks   INTEGER,
    monthly_months INTEGER,
    yearly_years   INTEGER,
    min_keep       INTEGER,
    updated_at     VARCHAR(32) NOT NULL
);
