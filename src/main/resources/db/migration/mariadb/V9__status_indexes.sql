-- The dashboard and /api/status read each host's newest run and newest snapshot: with these
-- indexes both are one index seek per host instead of sorting the host's whole history
-- (10 000 rows per host after a year of hourly runs).
CREATE INDEX job_hosts_host_id ON job_hosts (host, id);
CREATE INDEX snapshots_host_finished ON snapshots (host, finished_at, name);
