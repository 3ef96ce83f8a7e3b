package dev.pullback.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 for the API in the same RFC 9457 shape as the API's other errors (api/ApiErrors):
 * these are written by security filters, before any controller or advice runs.
 */
final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    static void unauthenticated(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"pullback\"");
        write(request, response, 401, "unauthenticated", "Unauthorized", detail);
    }

    static void forbidden(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(request, response, 403, "forbidden", "Forbidden", detail);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
                              String title, String detail) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://pullback.dev/problems/" + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(p));
    }
}
