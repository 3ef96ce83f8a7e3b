package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import dev.pullback.Printable;
import dev.pullback.alert.Alert;
import dev.pullback.host.Host;
import dev.pullback.host.HostService;
import dev.pullback.transport.HostKey;
import dev.pullback.trust.HostKeyRecord;
import dev.pullback.trust.HostTrustService;
import dev.pullback.trust.TrustPlan;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "host", mixinStandardHelpOptions = true, description = "One host: its details, and trusting its ssh host key.",
        subcommands = {HostCommand.Show.class, HostCommand.Trust.class})
final class HostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The host's configuration, the ssh host key pullback trusts for it and its open alerts.")
    static final class Show extends CliCommand {
        @Parameters(index = "0", paramLabel = "HOST")
        String host;

        @Override
        public Integer call() {
            Host h = service(HostService.class).get(host);
            HostTrustService trust = service(HostTrustService.class);
            out().println("host        " + h.name() + (h.enabled() ? "" : " (disabled)"));
            out().println("transport   " + h.transport().id());
            if (h.transport() == dev.pullback.host.Transport.SSH) {
                out().println("address     " + (h.user() == null ? "" : h.user() + "@") + h.address() + (h.port() == null ? "" : ":" + h.port()));
                out().println("identity    " + (h.identityFile() == null ? "(ssh's default)" : h.identityFile()));
                Optional<HostKeyRecord> key = trust.key(h.name());
                out().println("host key    " + key.map(HostCommand::describe).orElse("none recorded yet (recorded at the first connection)"));
            }
            out().println("sources     " + String.join(" ", h.sources()));
            out().println("fake-super  " + (h.fakeSuper() ? "yes" : "no"));
            for (Alert a : trust.openAlerts(h.name())) {
                out().println("ALERT       " + a.kind() + " since " + a.createdAt() + ": " + Printable.escape(a.message()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = {
            "Accept the host's current ssh host key: reads it (ssh-keyscan, no login), shows the old and the new",
            "fingerprint, asks, then replaces the host's entry in pullback's known_hosts and acknowledges the",
            "host's \"host key changed\" alert. Compare the new fingerprint with the host's own",
            "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it) before you say yes."})
    static final class Trust extends CliCommand {
        @Parameters(index = "0", paramLabel = "HOST")
        String host;

        @Option(names = "--yes", description = "Do not ask (scripts).")
        boolean yes;

        @Override
        public Integer call() {
            HostTrustService trust = service(HostTrustService.class);
            TrustPlan plan = trust.plan(host);
            out().println("trusted now: " + (plan.previous() == null ? "no key recorded" : plan.previous().toString()));
            List<HostKey> offered = plan.offered();
            out().println("host offers: " + plan.key() + (offered.size() > 1 ? " (and " + (offered.size() - 1) + " other key type(s))" : ""));
            if (!plan.changed()) {
                out().println("the host still offers the key pullback trusts");
            }
            if (!yes) {
                if (!Terminal.isInteractive()) {
                    throw new InvalidInputException("yes", "there is no terminal to ask on: add --yes to trust " + plan.key());
                }
                if (!Terminal.confirm("Trust " + plan.key() + " for " + plan.host() + "?")) {
                    out().println("nothing changed");
                    return ExitCodes.OK;
                }
            }
            HostKeyRecord r = trust.trust(plan);
            out().println(plan.host() + ": trusting " + r.type() + " " + r.fingerprint());
            return ExitCodes.OK;
        }
    }

    static String describe(HostKeyRecord k) {
        return k.type() + " " + k.fingerprint() + ", first seen " + k.firstSeen()
                + (k.trustedAt() == null ? "" : ", trusted by hand " + k.trustedAt());
    }
}
