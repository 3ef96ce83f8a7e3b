package dev.pullback.web;

import dev.pullback.InvalidInputException;
import dev.pullback.NotFoundException;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.job.JobRepository;
import dev.pullback.job.RetentionService;
import dev.pullback.job.Trigger;
import dev.pullback.retention.ApplyResult;
import dev.pullback.retention.PolicyOverride;
import dev.pullback.retention.RetentionPolicy;
import dev.pullback.retention.RetentionPlan;
import dev.pullback.schedule.Cron;
import dev.pullback.schedule.HostScheduleView;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.settings.SettingsService;
import dev.pullback.snapshot.HostLock;
import dev.pullback.store.SnapshotRow;
import dev.pullback.store.SqlSnapshotCatalog;
import dev.pullback.trust.HostTrustService;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A host's page: its config form ({@link HostService#update}, the rules of configure-host and
 * {@code PUT /api/hosts/{host}}), its schedule ({@link ScheduleService#set}), snapshots, runs and
 * retention plan with apply ({@link RetentionService#apply}, the twin of
 * {@code POST /api/hosts/{host}/retention/apply}).
 */
@Controller
class HostPageController {
    static final int SNAPSHOT_ROWS = 200;
    private final HostService hosts;
    private final SqlSnapshotCatalog snapshots;
    private final JobRepository jobs;
    private final RetentionService retention;
    private final ScheduleService schedules;
    private final SettingsService settings;
    private final HostCards cards;
    private final CardHtml html;
    private final Clock clock;
    private final HostTrustService trust;

    HostPageController(HostService hosts, SqlSnapshotCatalog snapshots, JobRepository jobs, RetentionService retention,
                       ScheduleService schedules, SettingsService settings, HostCards cards, CardHtml html, Clock clock,
                       HostTrustService trust) {
        this.trust = trust;
        this.html = html;
        this.hosts = hosts;
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.retention = retention;
        this.schedules = schedules;
        this.settings = settings;
        this.cards = cards;
        this.clock = clock;
    }

    @GetMapping("/hosts/{host}")
    String page(@PathVariable String host, Model model) {
        Host h = hosts.get(host);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", HostForm.of(h));
        }
        fill(h, model);
        return "host";
    }

    /** Saves the config; on a rule broken, the page again with the message beside the field. */
    @PostMapping("/hosts/{host}")
    String update(@PathVariable String host, @ModelAttribute("form") HostForm form, Model model, RedirectAttributes flash) {
        Host h = hosts.get(host);
        try {
            hosts.update(h.name(), form.changes());
        } catch (NotFoundException e) {
            throw e;
        } catch (InvalidInputException e) {
            model.addAttribute("fieldError", e.field());
            model.addAttribute("errorMessage", e.getMessage());
            fill(h, model);
            return "host";
        }
        flash.addFlashAttribute("flash", "saved the configuration of " + h.name());
        return "redirect:/hosts/" + h.name();
    }

    /** {@code action=preview} shows the next 5 runs without saving; {@code save} stores it; {@code remove} drops it. */
    @PostMapping("/hosts/{host}/schedule")
    String schedule(@PathVariable String host, @RequestParam(defaultValue = "") String cron,
                    @RequestParam(defaultValue = "false") boolean prune, @RequestParam(defaultValue = "preview") String action,
                    Model model, RedirectAttributes flash) {
        Host h = hosts.get(host);
        try {
            switch (action) {
                case "save" -> {
                    HostScheduleView v = schedules.set(h.name(), cron, prune);
                    flash.addFlashAttribute("flash", "schedule saved: " + v.schedule().cron());
                    return "redirect:/hosts/" + h.name();
                }
                case "remove" -> {
                    schedules.remove(h.name());
                    flash.addFlashAttribute("flash", "schedule removed; the host runs with the interval job");
                    return "redirect:/hosts/" + h.name();
                }
                default -> {
                    Instant now = clock.instant();
                    Cron c = Cron.validate(cron, settings.current().zone(), now);
                    model.addAttribute("preview", c.nextRuns(settings.current().zone(), now, ScheduleService.NEXT_RUNS));
                }
            }
        } catch (NotFoundException e) {
            if (!"remove".equals(action)) {
                throw e;
            }
            model.addAttribute("cronError", e.getMessage());
        } catch (InvalidInputException e) {
            model.addAttribute("cronError", e.getMessage());
        }
        model.addAttribute("cronInput", cron);
        model.addAttribute("pruneInput", prune);
        return page(h, model);
    }

    /**
     * Applies retention after the confirmation; {@code maxDelete} bounds the removals this time
     * (the CLI's {@code --max-delete}, the API's {@code max_delete}, with the same rule).
     */
    @PostMapping("/hosts/{host}/retention/apply")
    String apply(@PathVariable String host, @RequestParam(defaultValue = "false") boolean confirm,
                 @RequestParam(defaultValue = "") String maxDelete, Model model, RedirectAttributes flash) throws IOException {
        Host h = hosts.get(host);
        Integer max;
        try {
            max = maxDelete.isBlank() ? null : number("max-delete", maxDelete);
            if (max != null && max < 1) {
                throw new InvalidInputException("max-delete", "must be at least 1, got " + max);
            }
        } catch (InvalidInputException e) {
            model.addAttribute("applyError", e.getMessage());
            return pageWithError(h, e, model);
        }
        if (!confirm) {
            flash.addFlashAttribute("flash", "nothing removed: tick the confirmation first");
            return "redirect:/hosts/" + h.name() + "#retention";
        }
        try {
            RetentionService.Applied a = retention.apply(h.name(),
                    new RetentionService.ApplyOptions(max, false, Trigger.UI, false));
            ApplyResult r = a.result();
            flash.addFlashAttribute("flash", "retention applied: " + r.summary());
        } catch (HostLock.HostBusyException e) {
            flash.addFlashAttribute("flash", e.getMessage());
        }
        return "redirect:/hosts/" + h.name() + "#retention";
    }

    /**
     * Two steps, as {@code pullback host trust} asks before it changes anything: {@code action=scan}
     * shows the key the host offers now beside the trusted one; {@code action=trust} trusts the
     * fingerprint shown (and only that one: a key that changed in between is refused).
     */
    @PostMapping("/hosts/{host}/trust")
    String trust(@PathVariable String host, @RequestParam(defaultValue = "scan") String action,
                 @RequestParam(defaultValue = "") String fingerprint, Model model, RedirectAttributes flash) {
        Host h = hosts.get(host);
        try {
            if ("trust".equals(action)) {
                if (fingerprint.isBlank()) {
                    throw new InvalidInputException("fingerprint", "read the host's key first, then confirm its fingerprint");
                }
                HostTrustService.Trusted t = trust.trust(h.name(), fingerprint);
                flash.addFlashAttribute("flash", "now trusting " + t.plan().key() + " for " + h.name());
                return "redirect:/hosts/" + h.name() + "#host-key";
            }
            model.addAttribute("trustPlan", trust.plan(h.name()));
        } catch (NotFoundException e) {
            throw e;
        } catch (InvalidInputException e) {
            model.addAttribute("trustError", e.getMessage());
        }
        return page(h, model);
    }

    /** Pins or unpins a snapshot ({@link RetentionService#pin}, the twin of {@code PUT/DELETE .../pin}). */
    @PostMapping("/hosts/{host}/snapshots/{snapshot}/pin")
    String pin(@PathVariable String host, @PathVariable String snapshot, @RequestParam(defaultValue = "true") boolean pinned,
               RedirectAttributes flash) {
        Host h = hosts.get(host);
        retention.pin(h.name(), snapshot, pinned);
        flash.addFlashAttribute("flash", (pinned ? "pinned " : "unpinned ") + snapshot
                + (pinned ? ": retention keeps it until it is unpinned" : ""));
        return "redirect:/hosts/" + h.name() + "#snapshots";
    }

    /**
     * Sets the host's retention override ({@link RetentionService#setOverride}, the twin of
     * {@code PUT /api/hosts/{host}/retention/policy}): a blank field inherits the global value; all
     * blank removes the override. The merged policy is validated with the CLI's and API's messages.
     */
    @PostMapping("/hosts/{host}/retention/policy")
    String policy(@PathVariable String host, @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        Host h = hosts.get(host);
        try {
            PolicyOverride o = new PolicyOverride(field(form, "keep-last"), field(form, "hourly-hours"),
                    field(form, "daily-days"), field(form, "weekly-weeks"), field(form, "monthly-months"),
                    field(form, "yearly-years"), field(form, "min-keep"));
            RetentionPolicy p = retention.setOverride(h.name(), o);
            flash.addFlashAttribute("flash", o.isEmpty() ? "retention override removed: " + p.describe()
                    : "retention policy saved: " + p.describe());
        } catch (InvalidInputException e) {
            model.addAttribute("policyInput", form);
            model.addAttribute("policyError", e.getMessage());
            return pageWithError(h, e, model);
        }
        return "redirect:/hosts/" + h.name() + "#policy";
    }

    /** The page again with the message (already in the model) next to the form it belongs to. */
    private String pageWithError(Host h, InvalidInputException e, Model model) {
        model.addAttribute("fieldError", e.field());
        return page(h, model);
    }

    /** The host page with the stored configuration in its form. */
    private String page(Host h, Model model) {
        model.addAttribute("form", HostForm.of(h));
        fill(h, model);
        return "host";
    }

    /** The override as the form shows it: blank where the host inherits the global value. */
    private static Map<String, String> policyInput(PolicyOverride o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("keep-last", text(o.keepLast()));
        m.put("hourly-hours", text(o.hourlyHours()));
        m.put("daily-days", text(o.dailyDays()));
        m.put("weekly-weeks", text(o.weeklyWeeks()));
        m.put("monthly-months", text(o.monthlyMonths()));
        m.put("yearly-years", text(o.yearlyYears()));
        m.put("min-keep", text(o.minKeep()));
        return m;
    }

    private static String text(Integer n) {
        return n == null ? "" : n.toString();
    }

    private static Integer field(Map<String, String> form, String name) {
        String v = form.getOrDefault(name, "").strip();
        return v.isEmpty() ? null : number(name, v);
    }

    private static Integer number(String field, String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number, got '" + text + "'");
        }
    }

    private void fill(Host h, Model model) {
        model.addAttribute("host", h);
        model.addAttribute("hostKey", trust.key(h.name()).orElse(null));
        model.addAttribute("alerts", trust.openAlerts(h.name()));
        HostCards.Card card = cards.card(h.name());
        model.addAttribute("card", card);
        model.addAttribute("cardHtml", html.one(card, null));
        List<SnapshotRow> rows = snapshots.list(h.name());
        List<SnapshotRow> newest = new ArrayList<>(rows.subList(Math.max(0, rows.size() - SNAPSHOT_ROWS), rows.size()));
        Collections.reverse(newest);
        model.addAttribute("snapshots", newest);
        model.addAttribute("snapshotTotal", rows.size());
        List<SnapshotRow> charted = rows.subList(Math.max(0, rows.size() - SNAPSHOT_ROWS), rows.size());
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", charted.stream().map(SnapshotRow::name).toList());
        chart.put("newBytes", charted.stream().map(SnapshotRow::newBytes).toList());
        chart.put("changed", charted.stream().map(r -> r.created() + r.updated() + r.deleted()).toList());
        // as JSON in a data attribute: the CSP allows no inline script (web/pullback.js draws it)
        model.addAttribute("chart", dev.pullback.store.Sql.json(chart));
        model.addAttribute("runs", jobs.recentRuns(h.name(), 20));
        HostScheduleView own = null;
        try {
            own = schedules.get(h.name());
        } catch (NotFoundException e) {
            own = null;
        }
        model.addAttribute("own", own);
        if (!model.containsAttribute("cronInput")) {
            model.addAttribute("cronInput", own == null ? "" : own.schedule().cron());
            model.addAttribute("pruneInput", own != null && own.schedule().prune());
        }
        if (!model.containsAttribute("policyInput")) {
            model.addAttribute("policyInput", policyInput(retention.override(h.name())));
        }
        RetentionPolicy g = retention.globalPolicy();
        model.addAttribute("globalInput", policyInput(new PolicyOverride(g.keepLast(), g.hourlyHours(), g.dailyDays(),
                g.weeklyWeeks(), g.monthlyMonths(), g.yearlyYears(), g.minKeep())));
        try {
            RetentionPlan plan = retention.plan(h.name(), RetentionService.ApplyOptions.planOnly());
            model.addAttribute("plan", plan);
        } catch (RuntimeException e) {
            model.addAttribute("planError", e.getMessage());
        }
    }
}
