package dev.pullback.api;

import dev.pullback.ConflictException;
import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import dev.pullback.job.JobAlreadyRunningException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The API's one error shape: RFC 9457 problem details. Input errors name the field; Spring's own
 * errors (bad JSON, wrong method, unknown path) come out in the same shape through the base class.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(status == HttpStatus.BAD_REQUEST ? "Invalid input" : status.getReasonPhrase());
        p.setType(URI.create("https://pullback.dev/problems/" + (status == HttpStatus.BAD_REQUEST ? "invalid-input"
                : status == HttpStatus.NOT_FOUND ? "not-found" : "conflict")));
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(JobAlreadyRunningException.class)
    ProblemDetail running(JobAlreadyRunningException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Job already running");
        p.setType(URI.create("https://pullback.dev/problems/job-running"));
        p.setProperty("job_type", e.type().id());
        if (e.runningJobId() != null) {
            p.setProperty("job_id", e.runningJobId());
        }
        return p;
    }

    /** Unreadable JSON: say what is wrong with it (Spring's default detail does not). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String why = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        // Jackson appends the source location and a long reference chain: the first line says it all
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "request body is not valid: " + why.lines().findFirst().orElse(why));
        p.setTitle("Invalid input");
        p.setType(URI.create("https://pullback.dev/problems/invalid-input"));
        return ResponseEntity.badRequest().headers(headers).body(p);
    }

    /** A backup (or another retention) holds the host: try again when it is done. */
    @ExceptionHandler(dev.pullback.snapshot.HostLock.HostBusyException.class)
    ProblemDetail busy(dev.pullback.snapshot.HostLock.HostBusyException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Host busy");
        p.setType(URI.create("https://pullback.dev/problems/host-busy"));
        return p;
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("API request failed", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        p.setTitle("Internal error");
        return p;
    }
}
