package dev.pullback.api;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For load balancers and monitors: open without login, so it says nothing but that the server answers. */
@RestController
class HealthController {
    @GetMapping("/api/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
