package dev.pullback.web;

import dev.pullback.discovery.DiscoveryResult;
import dev.pullback.discovery.DiscoveryService;
import dev.pullback.discovery.ImportPlan;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.job.Trigger;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page twins of {@code POST /api/discovery?host=H} (the host page's "Discover snapshots":
 * the same {@link DiscoveryService#discover} call, import only) and of {@code GET /api/check}
 * (the dashboard's "Run checks"). Under htmx they answer with the fragment; without JavaScript
 * they redirect back with a flash message.
 */
@Controller
class DiscoveryPageController {
    private final DiscoveryService discovery;
    private final HostService hosts;
    private final HealthPanel health;

    DiscoveryPageController(DiscoveryService discovery, HostService hosts, HealthPanel health) {
        this.discovery = discovery;
        this.hosts = hosts;
        this.health = health;
    }

    @PostMapping("/hosts/{host}/discover")
    String discover(@PathVariable String host, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                    RedirectAttributes flash) {
        Host h = hosts.get(host);
        DiscoveryResult r = discovery.discover(h.name(), false, Trigger.UI);
        String message = "Discovery of " + h.name() + ": " + r.imports().stream().map(ImportPlan::summary).findFirst().orElse("nothing to do");
        if (htmx == null) {
            flash.addFlashAttribute("flash", message);
            return "redirect:/hosts/" + h.name() + "#discovery";
        }
        model.addAttribute("host", h);
        model.addAttribute("discoveryMessage", message);
        return "discovery :: status";
    }

    @GetMapping("/fragments/discovery/{host}")
    String status(@PathVariable String host, Model model) {
        model.addAttribute("host", hosts.get(host));
        return "discovery :: status";
    }

    @PostMapping("/health/check")
    String check(@RequestHeader(name = "HX-Request", required = false) String htmx, RedirectAttributes flash) {
        var report = health.run();
        if (htmx == null) {
            flash.addFlashAttribute("flash", "Checks: " + (report.passed() ? "all passed" : report.count(dev.pullback.check.Check.Status.FAIL)
                    + " failed") + " (see Health below)");
            return "redirect:/#health";
        }
        return "health :: panel";
    }

    @GetMapping("/fragments/health")
    String health() {
        return "health :: panel";
    }
}
