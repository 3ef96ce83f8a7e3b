package dev.pullback.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.InvalidInputException;
import dev.pullback.retention.PolicyOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rsnapshot.conf parsing and the adoption plan: hosts, sources, excludes, proposed policy, link base. */
class RsnapshotAdoptionTest {
    @TempDir
    Path tmp;

    @Test
    void mapsBackupPointsToHostsAndRetainLinesToAPolicy() throws Exception {
        Path snap = tmp.resolve("snap");
        for (String s : List.of("hourly.0", "hourly.1", "daily.0")) {
            Files.createDirectories(snap.resolve(s).resolve("web01/etc"));
            Files.createDirectories(snap.resolve(s).resolve("localhost/home"));
        }
        List<String> conf = List.of(
                "# rsnapshot.conf",
                "config_version\t1.2",
                "snapshot_root\t" + snap + "/",
                "retain\thourly\t6",
                "retain\tdaily\t7",
                "interval\tweekly\t4",
                "retain\tmonthly\t3",
                "exclude\t*.tmp",
                "exclude\t/proc/",
                "backup\troot@web01:/etc/\tweb01/",
                "backup\troot@web01:/var/www/\tweb01/\t+rsync_long_args=--bwlimit=100",
                "backup\t/home/\tlocalhost/",
                "backup\t/srv/\t-bad name/",
                "backup_script\t/usr/local/bin/dump.sh\tdb/");

        RsnapshotAdoption plan = RsnapshotAdoption.fromConfig(RsnapshotConfig.parse(conf));

        assertThat(plan.hosts()).extracting(RsnapshotAdoption.HostAdoption::host).containsExactly("web01", "localhost");
        RsnapshotAdoption.HostAdoption web = plan.hosts().getFirst();
        assertThat(web.local()).isFalse();
        assertThat(web.address()).isEqualTo("web01");
        assertThat(web.user()).isEqualTo("root");
        assertThat(web.sources()).containsExactly("/etc", "/var/www");
        assertThat(web.excludes()).containsExactly("*.tmp", "/proc/");
        assertThat(web.snapshots()).extracting(f -> f.interval() + "." + f.index()).containsExactly("hourly.0", "hourly.1", "daily.0");
        assertThat(web.linkBase()).isEqualTo(snap.resolve("hourly.0/web01"));
        RsnapshotAdoption.HostAdoption local = plan.hosts().get(1);
        assertThat(local.local()).isTrue();
        assertThat(local.sources()).containsExactly("/home");
        assertThat(plan.policy()).isEqualTo(new PolicyOverride(6, 0, 7, 4, 3, 0, null));
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("-bad name", "skipped"))
                .anySatisfy(n -> assertThat(n).contains("backup_script"))
                .anySatisfy(n -> assertThat(n).contains("--bwlimit=100"));
    }

    @Test
    void withoutAConfigTheRootIsReadAndSourcesFollowSingleChildChains() throws Exception {
        Path snap = tmp.resolve("snap");
        Files.createDirectories(snap.resolve("daily.0/localhost/srv/data/files"));
        Files.writeString(snap.resolve("daily.0/localhost/srv/data/files/f"), "f");
        Files.createDirectories(snap.resolve("daily.1/localhost"));
        Files.createDirectories(snap.resolve("hourly.0/localhost/srv/data/files"));
        Files.writeString(snap.resolve("hourly.0/localhost/srv/data/files/f"), "f");

        RsnapshotAdoption plan = RsnapshotAdoption.fromRoot(snap);

        assertThat(plan.hosts()).singleElement().satisfies(h -> {
            assertThat(h.sources()).containsExactly("/srv/data/files");
            assertThat(h.linkBase()).isEqualTo(snap.resolve("hourly.0/localhost"));
        });
        assertThat(plan.policyText()).isEqualTo("retain hourly 1, retain daily 2");
        assertThatThrownBy(() -> RsnapshotAdoption.fromRoot(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an rsnapshot root");
    }
}
