package dev.pullback.web;

import dev.pullback.NotFoundException;
import dev.pullback.job.HostRunRow;
import dev.pullback.job.JobRepository;
import dev.pullback.job.JobRow;
import dev.pullback.job.JobType;
import dev.pullback.job.RunFilter;
import dev.pullback.job.RunStatus;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The job history (the page twin of {@code GET /api/runs}) and one run ({@code GET /api/runs/{id}}). */
@Controller
class RunsController {
    static final int PAGE_SIZE = 50;
    private final JobRepository history;

    RunsController(JobRepository history) {
        this.history = history;
    }

    @GetMapping("/runs")
    String runs(@RequestParam(required = false) String host, @RequestParam(required = false) String status,
                @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page, Model model) {
        RunFilter f = RunFilter.parse(host, status, type, page, PAGE_SIZE);
        List<JobRow> jobs = history.jobs(f);
        long total = history.countJobs(f);
        model.addAttribute("jobs", jobs);
        model.addAttribute("total", total);
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("host", host == null ? "" : host);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("type", type == null ? "" : type);
        model.addAttribute("statuses", Arrays.stream(RunStatus.values()).filter(s -> s != RunStatus.ALREADY_RUNNING)
                .map(RunStatus::id).toList());
        model.addAttribute("types", Arrays.stream(JobType.values()).map(JobType::id).toList());
        return "runs";
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Model model) {
        JobRow job = history.job(id).orElseThrow(() -> new NotFoundException("id", "no job " + id));
        List<HostRunRow> hosts = history.hostRuns(id);
        model.addAttribute("job", job);
        model.addAttribute("hosts", hosts);
        return "run";
    }
}
