package dev.pullback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.InvalidInputException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeavySettingsTest {
    static HeavySettings with(Compression c, int gzip, int zstd, Duration interval, int days, int dayOfMonth, int months) {
        return new HeavySettings(c, gzip, zstd, interval, days, true, dayOfMonth, months);
    }

    static Stream<Arguments> bad() {
        Duration h4 = Duration.ofHours(4);
        return Stream.of(
                Arguments.of((Supplier<?>) () -> with(null, 6, 3, h4, 5, 1, 24), "tar-compression: must be zstd or gzip"),
                Arguments.of((Supplier<?>) () -> with(Compression.GZIP, 0, 3, h4, 5, 1, 24),
                        "tar-compression-level: must be between 1 and 9, got 0"),
                Arguments.of((Supplier<?>) () -> with(Compression.GZIP, 10, 3, h4, 5, 1, 24),
                        "tar-compression-level: must be between 1 and 9, got 10"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 0, h4, 5, 1, 24),
                        "zstd-level: must be between 1 and 19, got 0"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 22, h4, 5, 1, 24),
                        "zstd-level: must be between 1 and 19, got 22"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 3, Duration.ZERO, 5, 1, 24),
                        "tar-interval-hours: must be positive, got PT0S"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 3, Duration.ofHours(-1), 5, 1, 24),
                        "tar-interval-hours: must be positive, got PT-1H"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 3, h4, 0, 1, 24),
                        "tar-retention-days: must be between 1 and 36500, got 0"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 3, h4, 5, 0, 24),
                        "snapshot-day-of-month: must be between 1 and 28, got 0"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 3, h4, 5, 29, 24),
                        "snapshot-day-of-month: must be between 1 and 28, got 29"),
                Arguments.of((Supplier<?>) () -> with(Compression.ZSTD, 6, 3, h4, 5, 1, -3),
                        "retention-months: must be between 1 and 1200, got -3"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badSettingsAreRejectedNamingTheProperty(Supplier<?> make, String message) {
        assertThatThrownBy(make::get).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void defaultsAreBackupManagersWithZstd() {
        HeavySettings d = HeavySettings.defaults();
        assertThat(d.compression()).isEqualTo(Compression.ZSTD);
        assertThat(d.level()).isEqualTo(3);
        assertThat(d.withCompression(Compression.GZIP).level()).isEqualTo(6);
        assertThat(d.tarInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(d.tarRetentionDays()).isEqualTo(5);
        assertThat(d.keepMonthly()).isTrue();
        assertThat(d.snapshotDayOfMonth()).isEqualTo(1);
        assertThat(d.retentionMonths()).isEqualTo(24);
    }

    @Test
    void compressionNames() {
        assertThat(Compression.parse("zstd")).isEqualTo(Compression.ZSTD);
        assertThat(Compression.parse(" GZIP ")).isEqualTo(Compression.GZIP);
        assertThat(Compression.ZSTD.suffix()).isEqualTo(".tar.zst");
        assertThat(Compression.GZIP.suffix()).isEqualTo(".tar.gz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bzip2", "xz"})
    void unknownCompressionIsRejected(String value) {
        assertThatThrownBy(() -> Compression.parse(value)).isInstanceOf(InvalidInputException.class)
                .hasMessage("tar-compression: must be zstd or gzip, got " + value);
    }
}
