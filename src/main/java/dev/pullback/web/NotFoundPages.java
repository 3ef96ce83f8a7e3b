package dev.pullback.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A path nothing answers: a person typing {@code /nope} gets the HTML error page, a program
 * calling {@code /api/nope} gets the API's problem details. No handler means no controller to
 * scope an advice by, so this one decides by the path; it runs before the API's global advice.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotFoundPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ModelAndView notFound(Exception e, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            return new ModelAndView(problem(request.getMethod() + " " + path, path));
        }
        ModelAndView page = new ModelAndView("error-page", HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        page.addObject("reason", HttpStatus.NOT_FOUND.getReasonPhrase());
        page.addObject("message", "no page at " + dev.pullback.Printable.escape(path));
        return page;
    }

    /** The same problem-details shape the API gives for everything else. */
    private static View problem(String what, String path) {
        return (model, request, response) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", "Not Found");
            body.put("status", 404);
            body.put("detail", "No endpoint " + what + ".");
            body.put("instance", path);
            response.setStatus(404);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.writeValueAsString(body));
        };
    }
}
