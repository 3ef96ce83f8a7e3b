package dev.pullback.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullback.host.Host;
import dev.pullback.host.HostChanges;
import dev.pullback.host.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argument list is the contract with rsync: checked as a value, no process needed. */
class RsyncCommandTest {
    final RsyncCommand command = new RsyncCommand("rsync", Path.of("/var/lib/pullback/known_hosts"), Duration.ofSeconds(15));

    Host host(HostChanges c) {
        return c.applyTo(Host.defaults("web", Instant.EPOCH), Instant.EPOCH);
    }

    @Test
    void sshPlanHasTheDefaultFlagsLinkDestsExcludesAndEndOfOptions() {
        Host h = host(new HostChanges(null, "10.0.0.5", "backup", 2222, "/keys/id_ed25519", null, List.of("*.iso"), true,
                List.of("--rsync-path=sudo rsync"), List.of("ProxyJump=bastion"), 5000, true, true, true, null, null));
        RsyncPlan plan = command.plan(h, "~/", Path.of("/b/web/hourly/x.partial/home"),
                List.of(Path.of("/b/web/hourly/prev/home"), Path.of("/b/web/hourly/old.partial/home")), false);

        List<String> cmd = plan.command();
        assertThat(cmd.subList(0, 11)).containsExactly("rsync", "-aH", "--numeric-ids", "--delete", "--delete-excluded",
                "--one-file-system", "--sparse", "--stats", "--itemize-changes", "--out-format=%i %l %n%L", "--info=progress2");
        assertThat(cmd).contains("-A", "-X", "--fake-super", "--bwlimit=5000", "--exclude=*.iso", "--exclude=node_modules/",
                "--rsync-path=sudo rsync", "--link-dest=/b/web/hourly/prev/home", "--link-dest=/b/web/hourly/old.partial/home");
        assertThat(cmd).doesNotContain("--dry-run");
        String ssh = cmd.get(cmd.indexOf("-e") + 1);
        assertThat(ssh).startsWith("ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new "
                + "-o UserKnownHostsFile=/var/lib/pullback/known_hosts");
        assertThat(ssh).contains("-o ConnectTimeout=15", "-p 2222", "-i /keys/id_ed25519", "-o ProxyJump=bastion");
        assertThat(cmd.subList(cmd.size() - 3, cmd.size()))
                .containsExactly("--", "backup@10.0.0.5:./", "/b/web/hourly/x.partial/home/");
        assertThat(plan.folder()).isEqualTo("home");
    }

    @Test
    void localPlanHasNoSshAndCopiesTheDirectorysContents() {
        Host h = host(new HostChanges(Transport.LOCAL, null, null, null, null, List.of("/srv/data"), null, false, null,
                null, null, null, null, null, null, null));
        RsyncPlan plan = command.plan(h, "/srv/data", Path.of("/b/web/hourly/x.partial/srv/data"), List.of(), true);

        assertThat(plan.command()).doesNotContain("-e").contains("--dry-run");
        assertThat(plan.command()).noneMatch(a -> a.startsWith("--exclude"));
        assertThat(plan.command().getLast()).isEqualTo("/b/web/hourly/x.partial/srv/data/");
        assertThat(plan.command().get(plan.command().size() - 2)).isEqualTo("/srv/data/");
    }

    @Test
    void homeRelativeAndIpv6SourcesForSsh() {
        Host h = host(new HostChanges(null, "fe80::1", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null));
        assertThat(RsyncCommand.sourceSpec(h, "~/projects")).isEqualTo("[fe80::1]:./projects/");
        assertThat(RsyncCommand.sourceSpec(h, "/etc")).isEqualTo("[fe80::1]:/etc/");
    }

    @Test
    void displayQuotesWhatAShellWouldSplit() {
        RsyncPlan plan = new RsyncPlan("/x", "x", Path.of("/d"), List.of("rsync", "--out-format=%i %l %n%L", "it's"));
        assertThat(plan.display()).isEqualTo("rsync '--out-format=%i %l %n%L' 'it'\\''s'");
    }

    @Test
    void versionParsingAndTheCveThreshold() {
        assertThat(RsyncVersion.parse("rsync  version 3.5.0  protocol version 32")).hasValue(new RsyncVersion(3, 5, 0));
        assertThat(RsyncVersion.parse("rsync  version 3.2.7  protocol version 31").orElseThrow().isSafe()).isFalse();
        assertThat(RsyncVersion.parse("rsync  version v3.4.0  protocol version 32").orElseThrow().isSafe()).isTrue();
        assertThat(RsyncVersion.parse("openrsync: protocol version 29")).isEmpty();
        assertThat(RsyncVersion.detect("rsync")).isPresent();
    }
}
