package dev.pullback.web;

import dev.pullback.alert.Alert;
import dev.pullback.alert.AlertRepository;
import dev.pullback.config.PullbackProperties;
import dev.pullback.transport.RsyncVersion;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the dashboard shows above everything else: an rsync with known CVEs (checked once, at
 * start-up) and the open alerts (a changed host key).
 */
@ControllerAdvice(assignableTypes = DashboardController.class)
class Banners {
    static final int MAX_ALERTS = 20;
    private final Optional<String> rsyncWarning;
    private final AlertRepository alerts;

    Banners(PullbackProperties props, AlertRepository alerts) {
        this.rsyncWarning = RsyncVersion.warning(props.rsync(), RsyncVersion.detect(props.rsync()));
        this.alerts = alerts;
    }

    @ModelAttribute("rsyncWarning")
    String rsyncWarning() {
        return rsyncWarning.orElse(null);
    }

    @ModelAttribute("openAlerts")
    List<Alert> openAlerts() {
        try {
            return alerts.list(false, MAX_ALERTS);
        } catch (RuntimeException e) {
            return List.of(); // the database is down: the page still shows the disk and the cards
        }
    }
}
