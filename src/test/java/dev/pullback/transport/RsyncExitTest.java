package dev.pullback.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RsyncExitTest {
    @ParameterizedTest
    @CsvSource({"0,OK", "24,WARNING", "23,PARTIAL", "1,FAILED", "11,FAILED", "12,FAILED", "30,FAILED", "255,FAILED",
            "137,FAILED", "20,FAILED", "25,FAILED", "127,FAILED"})
    void classification(int code, RsyncExit expected) {
        assertThat(RsyncExit.classify(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"11|disk full", "255|ssh connection failed", "23|partial transfer", "24|vanished",
            "137|SIGKILL", "30|timeout", "140|signal 12"})
    void descriptionsUseRsyncsWording(int code, String words) {
        assertThat(RsyncExit.describe(code)).contains(words);
    }

    @org.junit.jupiter.api.Test
    void worstWins() {
        assertThat(RsyncExit.OK.worst(RsyncExit.WARNING)).isEqualTo(RsyncExit.WARNING);
        assertThat(RsyncExit.PARTIAL.worst(RsyncExit.WARNING)).isEqualTo(RsyncExit.PARTIAL);
        assertThat(RsyncExit.FAILED.worst(RsyncExit.OK)).isEqualTo(RsyncExit.FAILED);
    }
}
