package dev.pullback.api;

import dev.pullback.alert.Alert;
import dev.pullback.alert.AlertRepository;
import dev.pullback.transport.HostKey;
import dev.pullback.trust.HostTrustService;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SSH trust ({@code pullback host trust}'s twin) and the alerts that need a person. */
@RestController
@RequestMapping("/api")
class TrustController {
    static final int ALERT_LIMIT = 500;
    private final HostTrustService trust;
    private final AlertRepository alerts;

    TrustController(HostTrustService trust, AlertRepository alerts) {
        this.trust = trust;
        this.alerts = alerts;
    }

    /**
     * Reads the host's current key and trusts it. With {@code {"fingerprint": "SHA256:..."}} only
     * if the host offers exactly that key (409 otherwise, nothing changed); 409 when the host does
     * not answer.
     */
    @PostMapping("/hosts/{host}/trust")
    TrustedDto trust(@PathVariable String host, @RequestBody(required = false) TrustBody body) {
        HostTrustService.Trusted t = trust.trust(host, body == null ? null : body.fingerprint());
        return new TrustedDto(t.plan().host(), KeyDto.of(t.plan().previous()),
                new HostController.HostKeyDto(t.record().type(), t.record().fingerprint(), t.record().firstSeen(), t.record().trustedAt()),
                t.plan().offered().stream().map(KeyDto::of).toList(), t.plan().changed());
    }

    /** Open alerts, newest first; {@code all=true} adds the acknowledged ones. */
    @GetMapping("/alerts")
    List<AlertDto> alerts(@RequestParam(defaultValue = "false") boolean all) {
        return alerts.list(all, ALERT_LIMIT).stream().map(AlertDto::of).toList();
    }

    record TrustBody(String fingerprint) {
    }

    record KeyDto(String type, String fingerprint) {
        static KeyDto of(HostKey k) {
            return k == null ? null : new KeyDto(k.type(), k.fingerprint());
        }
    }

    /** @param changed false when the host still offered the key pullback trusted */
    record TrustedDto(String host, KeyDto previous, HostController.HostKeyDto hostKey, List<KeyDto> offered, boolean changed) {
    }

    record AlertDto(long id, String host, String kind, String message, Instant createdAt, Instant acknowledgedAt) {
        static AlertDto of(Alert a) {
            return new AlertDto(a.id(), a.host(), a.kind(), a.message(), a.createdAt(), a.acknowledgedAt());
        }
    }
}
