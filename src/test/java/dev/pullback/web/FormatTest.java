package dev.pullback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's number formatting and escaping, written by hand for speed, against the JDK's own. */
class FormatTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1000, 1023, 1024, 1075, 1_000_000, 999_999_999, 5_000_000_000L, 1L << 50, -1_234_567,
            Long.MAX_VALUE})
    void countsAndBytesMatchStringFormat(long n) {
        assertThat(Format.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        double v = n;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String expected = u == 0 ? (long) v + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
        assertThat(Format.bytes(n)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "<script>alert('x')</script>", "a & b \"quoted\"", "café → ok", ""})
    void cardTextIsEscapedLikeSpring(String s) {
        assertThat(CardHtml.e(s)).isEqualTo(org.springframework.web.util.HtmlUtils.htmlEscape(s, "UTF-8"));
    }
}
