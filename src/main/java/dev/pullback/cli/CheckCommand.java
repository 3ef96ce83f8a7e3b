package dev.pullback.cli;

import dev.pullback.Printable;
import dev.pullback.check.Check;
import dev.pullback.check.CheckReport;
import dev.pullback.check.CheckService;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Verify the whole set-up and say what to fix: rsync and ssh, the database, the backup root,",
                "and per enabled host its address, an ssh login with its key, rsync on the remote side, its sources.",
                "Exit 0 only when nothing failed."})
final class CheckCommand extends CliCommand {
    @Override
    public Integer call() {
        CheckReport r = service(CheckService.class).check();
        for (Check c : r.checks()) {
            String tag = switch (c.status()) {
                case OK -> "ok  ";
                case WARN -> "WARN";
                case FAIL -> "FAIL";
            };
            out().println(tag + "  " + Printable.escape(c.name()) + ": " + Printable.escape(c.detail()));
            if (c.fix() != null) {
                out().println("      fix: " + c.fix());
            }
        }
        out().println(r.passed() ? "all checks passed" + (r.count(Check.Status.WARN) > 0 ? " (" + r.count(Check.Status.WARN) + " warning(s))" : "")
                : r.count(Check.Status.FAIL) + " check(s) failed");
        return r.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
