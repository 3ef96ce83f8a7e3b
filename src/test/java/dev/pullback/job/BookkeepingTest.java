package dev.pullback.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules of the kept writes; the real outages are in DatabaseOutageTest. */
class BookkeepingTest {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();
    final List<String> written = new ArrayList<>();
    final Bookkeeping bookkeeping = new Bookkeeping();

    Runnable write(String what) {
        return () -> {
            attempts.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("database is locked");
            }
            written.add(what);
        };
    }

    @Test
    void keptWritesAreReplayedInOrderAndAStillDownDatabaseCostsOneAttemptPerPass() {
        down.set(true);
        for (String w : List.of("stage", "result", "finish")) {
            bookkeeping.write(w, write(w));
        }
        assertThat(bookkeeping.kept()).isEqualTo(3);

        attempts.set(0);
        assertThat(bookkeeping.retry()).isEqualTo(3);
        assertThat(attempts.get()).as("the pass stops at the first failure").isEqualTo(1);

        down.set(false);
        assertThat(bookkeeping.retry()).isZero();
        assertThat(written).containsExactly("stage", "result", "finish");
    }

    @Test
    void aBrokenWriteIsGivenUpAndDoesNotBlockTheOthersForever() {
        bookkeeping.write("broken", () -> {
            throw new IllegalStateException("no such table: snapshots");
        });
        down.set(true);
        bookkeeping.write("result", write("result"));
        down.set(false);

        int passes = 0;
        while (bookkeeping.kept() > 0 && passes < 10) {
            bookkeeping.retry();
            passes++;
        }

        assertThat(bookkeeping.kept()).isZero();
        assertThat(written).containsExactly("result");
        assertThat(passes).isLessThanOrEqualTo(5);
    }

    @Test
    void aResultThatIsNeededNowIsNullWhenTheDatabaseIsDown() {
        java.util.function.Supplier<Long> failing = () -> {
            throw new IllegalStateException("down");
        };
        Long none = bookkeeping.attempt("start job", failing);
        Long id = bookkeeping.attempt("start job", () -> 7L);
        assertThat(none).isNull();
        assertThat(id).isEqualTo(7L);
        assertThat(bookkeeping.kept()).isZero();
    }
}
