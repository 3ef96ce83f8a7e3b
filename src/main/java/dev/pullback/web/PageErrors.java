package dev.pullback.web;

import dev.pullback.ConflictException;
import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import dev.pullback.job.JobAlreadyRunningException;
import dev.pullback.snapshot.HostLock;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the pages come out as an HTML page with the same one-line message the API and the CLI
 * give. Ordered before the API's problem-details advice, which answers for everything else.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(Exception.class)
    String error(Exception e, Model model, HttpServletResponse response) {
        HttpStatus status = statusOf(e);
        if (status.is5xxServerError()) {
            log.error("page failed", e);
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        model.addAttribute("message", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return "error-page";
    }

    static HttpStatus statusOf(Exception e) {
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof ConflictException || e instanceof JobAlreadyRunningException
                || e instanceof HostLock.HostBusyException) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof InvalidInputException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof ErrorResponse r) {
            HttpStatus s = HttpStatus.resolve(r.getStatusCode().value());
            return s == null ? HttpStatus.INTERNAL_SERVER_ERROR : s;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
