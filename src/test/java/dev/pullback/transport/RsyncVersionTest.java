package dev.pullback.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up rsync check: which versions get the CVE warning. */
class RsyncVersionTest {
    @ParameterizedTest
    @CsvSource({
            "rsync  version 3.2.7  protocol version 31, true",
            "rsync  version 3.1.3  protocol version 31, true",
            "rsync  version 3.3.0  protocol version 31, true",
            "rsync  version 2.6.9  protocol version 29, true",
            "rsync  version 3.4.0  protocol version 32, false",
            "rsync  version 3.4.1  protocol version 32, false",
            "rsync  version 3.5.0  protocol version 32, false",
            "rsync  version v3.10.0  protocol version 32, false",
            "rsync  version 4.0.0  protocol version 33, false"})
    void versionsBefore340AreWarnedAbout(String versionLine, boolean warned) {
        Optional<RsyncVersion> v = RsyncVersion.parse(versionLine);
        assertThat(v).isPresent();
        Optional<String> warning = RsyncVersion.warning("rsync", v);
        assertThat(warning.isPresent()).isEqualTo(warned);
        warning.ifPresent(w -> assertThat(w).contains("rsync " + v.get() + " is older than 3.4.0", "CVE-2024-12084",
                "CVE-2024-12088", "compromised host"));
    }

    @ParameterizedTest
    @CsvSource({"openrsync: protocol version 29", "command not found"})
    void anUnrecognisedRsyncSaysBackupsWillFail(String output) {
        assertThat(RsyncVersion.warning("/opt/rsync", RsyncVersion.parse(output))).hasValueSatisfying(w ->
                assertThat(w).contains("/opt/rsync", "not found or not recognised"));
    }
}
