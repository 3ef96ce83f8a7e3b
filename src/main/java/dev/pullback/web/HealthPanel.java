package dev.pullback.web;

import dev.pullback.check.CheckReport;
import dev.pullback.check.CheckService;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The dashboard's health panel: {@code pullback check}'s report. The checks log in to every host
 * over ssh, too slow for a page load, so they run on request and the last report is kept (with its
 * time) until the next run or a restart. Exposed to the templates as {@code @health}.
 */
@Component("health")
public class HealthPanel {
    private final CheckService checks;
    private final AtomicReference<CheckReport> last = new AtomicReference<>();

    HealthPanel(CheckService checks) {
        this.checks = checks;
    }

    /** The last report, or null before the first run. */
    public CheckReport last() {
        return last.get();
    }

    public CheckReport run() {
        CheckReport r = checks.check();
        last.set(r);
        return r;
    }
}
