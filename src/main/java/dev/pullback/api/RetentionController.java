package dev.pullback.api;

import dev.pullback.job.RetentionService;
import dev.pullback.job.Trigger;
import dev.pullback.retention.ApplyResult;
import dev.pullback.retention.PolicyOverride;
import dev.pullback.retention.RetentionPlan;
import dev.pullback.retention.RetentionPolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A host's retention plan with reasons, applying it, its policy override, and pins. */
@RestController
@RequestMapping("/api/hosts/{host}")
class RetentionController {
    private final RetentionService retention;

    RetentionController(RetentionService retention) {
        this.retention = retention;
    }

    /** The plan: every snapshot with keep/remove and why. Nothing changes. */
    @GetMapping("/retention")
    PlanDto plan(@PathVariable String host, @RequestParam(name = "max_delete", required = false) Integer maxDelete,
                 @RequestParam(name = "override_hold", defaultValue = "false") boolean overrideHold) {
        return PlanDto.of(retention.plan(host, options(maxDelete, overrideHold)));
    }

    /** Removes what the plan removes (planned again under the host lock); 409 while a backup of the host runs. */
    @PostMapping("/retention/apply")
    AppliedDto apply(@PathVariable String host, @RequestBody(required = false) ApplyBody body) throws IOException {
        ApplyBody b = body == null ? new ApplyBody(null, null) : body;
        RetentionService.Applied a = retention.apply(host, options(b.maxDelete(), Boolean.TRUE.equals(b.overrideHold())));
        ApplyResult r = a.result();
        return new AppliedDto(a.jobId(), r.removedNames(), r.deferred(), r.skipped().stream().map(s -> s.name() + ": " + s.reason()).toList(),
                r.failures().stream().map(f -> f.name() + ": " + f.message()).toList(), r.summary(), PlanDto.of(a.plan()));
    }

    @GetMapping("/retention/policy")
    PolicyDto policy(@PathVariable String host) {
        return new PolicyDto(retention.override(host), retention.policy(host), retention.policy(host).describe());
    }

    /** Sets the host's override; fields left out (null) inherit the global policy. */
    @PutMapping("/retention/policy")
    PolicyDto setPolicy(@PathVariable String host, @RequestBody PolicyOverride override) {
        RetentionPolicy p = retention.setOverride(host, override);
        return new PolicyDto(retention.override(host), p, p.describe());
    }

    @DeleteMapping("/retention/policy")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPolicy(@PathVariable String host) {
        retention.setOverride(host, PolicyOverride.none());
    }

    @PutMapping("/snapshots/{snapshot}/pin")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void pin(@PathVariable String host, @PathVariable String snapshot) {
        retention.pin(host, snapshot, true);
    }

    @DeleteMapping("/snapshots/{snapshot}/pin")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unpin(@PathVariable String host, @PathVariable String snapshot) {
        retention.pin(host, snapshot, false);
    }

    private static RetentionService.ApplyOptions options(Integer maxDelete, boolean overrideHold) {
        if (maxDelete != null && maxDelete < 1) {
            throw new dev.pullback.InvalidInputException("max_delete", "must be at least 1, got " + maxDelete);
        }
        return new RetentionService.ApplyOptions(maxDelete, overrideHold, Trigger.API, false);
    }

    record ApplyBody(Integer maxDelete, Boolean overrideHold) {
    }

    record PolicyDto(PolicyOverride override, RetentionPolicy effective, String description) {
    }

    record EntryDto(String name, Instant time, String decision, List<String> reasons) {
    }

    record PlanDto(String host, Instant now, String zone, String policy, List<String> holds, boolean holdOverridden,
                   Integer maxDelete, boolean held, int keep, int remove, int defer, String summary, List<EntryDto> entries) {
        static PlanDto of(RetentionPlan p) {
            return new PlanDto(p.host(), p.now(), p.zone().getId(), p.policy().describe(), p.holds(), p.holdOverridden(),
                    p.maxDelete(), p.held(), p.kept().size(), p.toRemove().size(), p.deferred().size(), p.summary(),
                    p.entries().stream().map(e -> new EntryDto(e.name(), e.time(), e.decision().label(), e.reasons())).toList());
        }
    }

    record AppliedDto(Long jobId, List<String> removed, List<String> deferred, List<String> skipped, List<String> failures,
                      String summary, PlanDto plan) {
    }
}
