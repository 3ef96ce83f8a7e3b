package dev.pullback.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing a captured rsync 3.x output (itemized lines, progress2 updates, --stats). */
class RsyncOutputTest {
    @Test
    void countsCreatedUpdatedAndNewBytes() throws IOException {
        RsyncOutput out = new RsyncOutput();
        try (InputStream in = getClass().getResourceAsStream("rsync-output.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(out::accept);
        }
        TransferCounts c = out.counts();
        assertThat(c.entries()).isEqualTo(1008);
        assertThat(c.created()).isEqualTo(5);
        // >f.st d1/b and >f..t d1/d2/c; directories and new entries are not "updated"
        assertThat(c.updated()).isEqualTo(2);
        assertThat(c.bytesTotal()).isEqualTo(1_234_581);
        assertThat(c.bytesTransferred()).isEqualTo(1_236_116);
        assertThat(c.newBytes()).isEqualTo(4 + 8 + 2 + 1_234_567);
        assertThat(out.itemized()).isEqualTo(9);
        assertThat(out.lastItem()).isEqualTo("weird\\#012name\\#377");
        assertThat(out.progressBytes()).isEqualTo(c.newBytes());
    }

    @Test
    void progressLinesUpdateBytesSoFar() {
        RsyncOutput out = new RsyncOutput();
        out.accept("      5,000,000  42%    1.00MB/s    0:00:05 (xfr#3, ir-chk=10/20)");
        assertThat(out.progressBytes()).isEqualTo(5_000_000);
        assertThat(out.itemized()).isZero();
    }
}
