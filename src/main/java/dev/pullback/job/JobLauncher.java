package dev.pullback.job;

/** Runs a job to its end in the caller's thread: what the scheduler's tasks call. */
@FunctionalInterface
public interface JobLauncher {
    /**
     * @throws JobAlreadyRunningException when a job of the same type is running (the duplicate is dropped)
     */
    JobReport run(JobRequest request);
}
