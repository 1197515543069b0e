package dev.faultline.store;

import static dev.faultline.store.SampleResults.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

class ResultQueriesTest {

    @DatabaseTest
    void recentReturnsAMonitorsResultsNewestFirst(TestDatabase db) {
        Store store = db.open();
        List<CheckResult> api = write(store, "api", 5, Duration.ofMinutes(1));
        write(store, "web", 3, Duration.ofMinutes(1));

        ResultPage page = store.results().recent("api", 3, Optional.empty(), Optional.empty());

        assertThat(page.results()).containsExactly(api.get(4), api.get(3), api.get(2));
        assertThat(page.next()).isPresent();
    }

    @DatabaseTest
    void pagesWithCursorsVisitEveryResultOnceEvenWhenTimesTie(TestDatabase db) {
        Store store = db.open();
        List<CheckResult> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Three results share each start time: only the row id orders them.
            CheckResult r = SampleResults.of("api", "r" + (i % 3), NOW.plusSeconds(i / 3), Cause.OK, 200, Duration.ofMillis(i + 1));
            written.add(r);
            store.writer().submit(r);
        }
        store.writer().flush();

        List<CheckResult> seen = new ArrayList<>();
        Optional<ResultCursor> before = Optional.empty();
        int pages = 0;
        do {
            ResultPage page = store.results().recent("api", 4, Optional.empty(), before);
            seen.addAll(page.results());
            before = page.next();
            pages++;
        } while (before.isPresent());

        assertThat(pages).isEqualTo(7);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(written);
        assertThat(seen).isSortedAccordingTo(Comparator.comparing(CheckResult::startedAt).reversed());
    }

    @DatabaseTest
    void newResultsDoNotShiftTheNextPage(TestDatabase db) {
        Store store = db.open();
        List<CheckResult> old = write(store, "api", 6, Duration.ofMinutes(1));
        ResultPage first = store.results().recent("api", 3, Optional.empty(), Optional.empty());

        store.writer().submit(SampleResults.up("api", NOW.plus(Duration.ofHours(1)), Duration.ofMillis(5)));
        store.writer().flush();
        ResultPage second = store.results().recent("api", 3, Optional.empty(), first.next());

        assertThat(second.results()).containsExactly(old.get(2), old.get(1), old.get(0));
        assertThat(second.next()).isEmpty();
    }

    @DatabaseTest
    void sinceKeepsOnlyResultsStartedAtOrAfterIt(TestDatabase db) {
        Store store = db.open();
        List<CheckResult> api = write(store, "api", 10, Duration.ofMinutes(1));

        ResultPage page = store.results().recent("api", 100, Optional.of(api.get(7).startedAt()), Optional.empty());

        assertThat(page.results()).containsExactly(api.get(9), api.get(8), api.get(7));
        assertThat(page.next()).isEmpty();
    }

    @DatabaseTest
    void latestIsTheNewestResultFromAnyRegion(TestDatabase db) {
        Store store = db.open();
        CheckResult newest = SampleResults.of("api", "us-east", NOW, Cause.BAD_GATEWAY, 502, Duration.ofMillis(30));
        store.writer().submit(newest);
        store.writer().submit(SampleResults.of("api", "eu-west", NOW.minusSeconds(10), Cause.OK, 200, Duration.ofMillis(20)));
        store.writer().flush();

        assertThat(store.results().latest("api")).contains(newest);
        assertThat(store.results().latest("nobody")).isEmpty();
    }

    @DatabaseTest
    void latestByMonitorHoldsEachMonitorsNewestResultWhateverTheOrderOfWriting(TestDatabase db) {
        Store store = db.open();
        CheckResult apiNewest = SampleResults.up("api", NOW, Duration.ofMillis(10));
        CheckResult webEu = SampleResults.of("web", "eu-west", NOW.minusSeconds(5), Cause.OK, 200, Duration.ofMillis(10));
        CheckResult webUs = SampleResults.of("web", "us-east", NOW.minusSeconds(1), Cause.NOT_FOUND, 404, Duration.ofMillis(10));
        store.writer().submit(apiNewest);
        store.writer().submit(webEu);
        store.writer().flush();
        // Older results arriving later (a probe that was catching up) do not replace the newest.
        store.writer().submit(SampleResults.up("api", NOW.minusSeconds(30), Duration.ofMillis(10)));
        store.writer().submit(webUs);
        store.writer().flush();

        assertThat(store.results().latestByMonitor()).containsOnlyKeys("api", "web")
                .containsEntry("api", apiNewest).containsEntry("web", webUs);
    }

    @DatabaseTest
    void limitMustBeBetweenOneAndTheMaximum(TestDatabase db) {
        Store store = db.open();

        assertThatThrownBy(() -> store.results().recent("api", 0, Optional.empty(), Optional.empty()))
                .hasMessage("limit: 0 is outside 1 to 1000");
        assertThatThrownBy(() -> store.results().recent("api", 1001, Optional.empty(), Optional.empty()))
                .hasMessage("limit: 1001 is outside 1 to 1000");
    }

    @org.junit.jupiter.api.Test
    void cursorsSurviveTheirTextForm() {
        ResultCursor cursor = new ResultCursor(Instant.parse("2026-03-01T12:00:00.000042Z"), 17);

        assertThat(ResultCursor.parse(cursor.encode())).isEqualTo(cursor);
        assertThatThrownBy(() -> ResultCursor.parse("17")).hasMessage("invalid cursor '17'");
        assertThatThrownBy(() -> ResultCursor.parse("x.1")).hasMessage("invalid cursor 'x.1'");
    }

    /** {@code n} up results of a monitor, {@code step} apart, the last at {@code NOW}; flushed. */
    static List<CheckResult> write(Store store, String monitor, int n, Duration step) {
        List<CheckResult> written = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CheckResult r = SampleResults.up(monitor, NOW.minus(step.multipliedBy(n - 1 - i)), Duration.ofMillis(10 + i));
            written.add(r);
            store.writer().submit(r);
        }
        store.writer().flush();
        return written;
    }
}
