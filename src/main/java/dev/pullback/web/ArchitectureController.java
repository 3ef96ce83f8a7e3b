package dev.pullback.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The architecture document as a page (Backup Manager served its design doc the same way). */
@Controller
class ArchitectureController {
    @GetMapping("/architecture")
    String architecture() {
        return "architecture";
    }
}
