package dev.pullback.web;

import dev.pullback.job.JobAlreadyRunningException;
import dev.pullback.job.JobRequest;
import dev.pullback.job.JobService;
import dev.pullback.job.JobType;
import dev.pullback.job.StatusService;
import dev.pullback.job.Trigger;
import dev.pullback.schedule.ScheduleService;
import dev.pullback.settings.SettingsService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard: disk usage, the schedule, one card per host with its controls. The controls call
 * the same {@link JobService} methods as {@code POST /api/hosts/{host}/backup} and
 * {@code POST /api/cancel/{host}}. Under htmx they answer with the host's card; without
 * JavaScript they redirect back to the dashboard.
 */
@Controller
class DashboardController {
    private final HostCards cards;
    private final CardHtml html;
    private final JobService jobs;
    private final StatusService status;
    private final ScheduleService schedules;
    private final SettingsService settings;

    DashboardController(HostCards cards, CardHtml html, JobService jobs, StatusService status, ScheduleService schedules,
                        SettingsService settings) {
        this.cards = cards;
        this.html = html;
        this.jobs = jobs;
        this.status = status;
        this.schedules = schedules;
        this.settings = settings;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        Path root = settings.current().backupRoot();
        DiskUsage disk = null;
        String diskError = null;
        if (root == null) {
            diskError = "no backup root configured (pullback configure-global --backup-root DIR)";
        } else if (!Files.isDirectory(root)) {
            diskError = "the backup root " + root + " is not a directory";
        } else {
            try {
                disk = DiskUsage.of(root);
            } catch (IOException e) {
                diskError = "cannot read the backup root's file system: " + e.getMessage();
            }
        }
        model.addAttribute("disk", disk);
        model.addAttribute("diskError", diskError);
        model.addAttribute("schedule", schedules.overview());
        List<HostCards.Card> all = cards.all();
        model.addAttribute("noHosts", all.isEmpty());
        model.addAttribute("cardsHtml", html.all(all));
        model.addAttribute("jobRunning", status.jobRunning());
        return "dashboard";
    }

    /** One card, for htmx to swap in when a run finishes. */
    @GetMapping("/fragments/card/{host}")
    String card(@PathVariable String host, Model model) {
        model.addAttribute("cardHtml", html.one(cards.card(host), null));
        return "card :: card";
    }

    /** "Back up all": a snapshot of every enabled host, the twin of {@code POST /api/trigger}. */
    @PostMapping("/backup-all")
    String backupAll(RedirectAttributes flash) {
        return startAll(new JobRequest(JobType.SNAPSHOT, Trigger.UI, List.of(), false, false), "backup of every enabled host", flash);
    }

    /** "Run heavy": archives, monthly copies and cleanup for every enabled host, the twin of {@code POST /api/trigger/heavy}. */
    @PostMapping("/heavy")
    String heavy(RedirectAttributes flash) {
        return startAll(new JobRequest(JobType.HEAVY, Trigger.UI, List.of(), false, false),
                "heavy job (archives, monthly copies, cleanup)", flash);
    }

    private String startAll(JobRequest request, String what, RedirectAttributes flash) {
        try {
            Long id = jobs.start(request);
            flash.addFlashAttribute("flash", what + " started" + (id == null ? "" : " (job " + id + ")"));
        } catch (JobAlreadyRunningException e) {
            flash.addFlashAttribute("flash", e.getMessage());
        }
        return "redirect:/";
    }

    @PostMapping("/hosts/{host}/backup")
    String backup(@PathVariable String host, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, RedirectAttributes flash) {
        return start(host, false, htmx != null, model, flash);
    }

    @PostMapping("/hosts/{host}/dry-run")
    String dryRun(@PathVariable String host, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, RedirectAttributes flash) {
        return start(host, true, htmx != null, model, flash);
    }

    @PostMapping("/hosts/{host}/cancel")
    String cancel(@PathVariable String host, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, RedirectAttributes flash) {
        String name = cards.card(host).host();
        String message = jobs.cancel(name) ? "cancel requested for " + name : "nothing is running for '" + name + "'";
        return answer(name, message, htmx != null, model, flash);
    }

    private String start(String host, boolean dry, boolean htmx, Model model, RedirectAttributes flash) {
        String name = cards.card(host).host();
        String message;
        try {
            Long id = jobs.start(new JobRequest(JobType.SNAPSHOT, Trigger.UI, List.of(name), dry, false));
            message = (dry ? "dry run" : "backup") + " started" + (id == null ? "" : " (job " + id + ")");
        } catch (JobAlreadyRunningException e) {
            message = e.getMessage();
        }
        return answer(name, message, htmx, model, flash);
    }

    private String answer(String host, String message, boolean htmx, Model model, RedirectAttributes flash) {
        if (htmx) {
            model.addAttribute("cardHtml", html.one(cards.card(host), message));
            return "card :: card";
        }
        flash.addFlashAttribute("flash", message);
        return "redirect:/";
    }
}
