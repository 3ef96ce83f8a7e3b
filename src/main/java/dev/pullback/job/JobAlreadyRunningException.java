package dev.pullback.job;

/** A job of this type is running already: the duplicate trigger is dropped (409 in the API). */
public class JobAlreadyRunningException extends RuntimeException {
    private final JobType type;
    private final Long runningJobId;

    public JobAlreadyRunningException(JobType type, Long runningJobId) {
        super("a " + type.id() + " job is already running" + (runningJobId == null ? "" : " (job " + runningJobId + ")")
                + "; the duplicate trigger was dropped");
        this.type = type;
        this.runningJobId = runningJobId;
    }

    public JobType type() {
        return type;
    }

    public Long runningJobId() {
        return runningJobId;
    }
}
