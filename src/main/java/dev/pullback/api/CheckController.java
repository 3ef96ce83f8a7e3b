package dev.pullback.api;

import dev.pullback.check.CheckReport;
import dev.pullback.check.CheckService;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The set-up check (pullback check) for the dashboard's health panel. */
@RestController
class CheckController {
    private final CheckService checks;

    CheckController(CheckService checks) {
        this.checks = checks;
    }

    @GetMapping("/api/check")
    ReportDto check() {
        CheckReport r = checks.check();
        return new ReportDto(r.at(), r.passed(), r.checks().stream()
                .map(c -> new CheckDto(c.name(), c.status().id(), c.detail(), c.fix())).toList());
    }

    record ReportDto(Instant at, boolean passed, List<CheckDto> checks) {
    }

    record CheckDto(String name, String status, String detail, String fix) {
    }
}
