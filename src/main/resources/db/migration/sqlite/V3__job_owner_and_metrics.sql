-- Which process runs a job, so a restart can tell a crashed job from one another process runs;
-- and the heavy stages' results (archive, monthly copy, cleanup) as JSON text.
ALTER TABLE jobs ADD COLUMN owner_pid BIGINT;
ALTER TABLE jobs ADD COLUMN owner_node VARCHAR(255);
ALTER TABLE job_hosts ADD COLUMN metrics TEXT;
