package dev.pullback.api;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's OpenAPI description, kept by hand beside the controllers (a test fails when an
 * endpoint is missing from it): one file, no generator slowing start-up.
 */
@RestController
class OpenApiController {
    @GetMapping(path = "/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] openapi() throws IOException {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/dev/pullback/api/openapi.json")) {
            return in.readAllBytes();
        }
    }
}
