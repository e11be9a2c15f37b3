package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The load test's checks must fail when something is lost or doubled: hand-made histories, one fault each. */
class LedgerTest {
    record Case(String name, Consumer<Ledger> history, String wantProblem) {
        @Override
        public String toString() { return name; }
    }

    /** Job j1 with two tasks, both launched once and finished once: the clean baseline each case spoils in one way. */
    private static void clean(Ledger l) {
        l.acknowledged("j1", 2);
        l.launched("a1", "j1.t.0.0", "j1", 0);
        l.launched("a2", "j1.t.1.0", "j1", 1);
        l.ended("a1", "j1.t.0.0", "FINISHED");
        l.ended("a2", "j1.t.1.0", "FINISHED");
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("clean history", LedgerTest::clean, null),
                new Case("acknowledged job never ran", l -> {
                    clean(l);
                    l.acknowledged("j2", 1);
                }, "1 acknowledged task instances never finished (e.g. j2 instance 0)"),
                new Case("task launched twice", l -> {
                    clean(l);
                    l.launched("a3", "j1.t.1.0", "j1", 1);
                }, "1 duplicate launches"),
                new Case("task ended twice", l -> {
                    clean(l);
                    l.ended("a1", "j1.t.0.0", "KILLED");
                }, "1 tasks ended more than once"),
                new Case("launched, never ended", l -> {
                    l.acknowledged("j1", 1);
                    l.launched("a1", "j1.t.0.0", "j1", 0);
                }, "1 launched tasks never reported an end"),
                new Case("instance ran twice under two attempts", l -> {
                    clean(l);
                    l.launched("a2", "j1.t.1.1", "j1", 1);
                    l.ended("a2", "j1.t.1.1", "FINISHED");
                }, "1 task instances finished more than once"),
                new Case("failed instead of finished", l -> {
                    l.acknowledged("j1", 1);
                    l.launched("a1", "j1.t.0.0", "j1", 0);
                    l.ended("a1", "j1.t.0.0", "FAILED");
                }, "1 acknowledged task instances never finished (e.g. j1 instance 0)"),
                new Case("task of a job never acknowledged", l -> {
                    clean(l);
                    l.launched("a1", "j9.t.0.0", "j9", 0);
                    l.ended("a1", "j9.t.0.0", "FINISHED");
                }, "1 tasks ran for jobs that were never acknowledged"),
                new Case("end of a task never launched", l -> {
                    clean(l);
                    l.ended("a1", "j1.t.5.0", "FINISHED");
                }, "1 ends reported for tasks never launched"),
                new Case("job id acknowledged twice", l -> {
                    clean(l);
                    l.acknowledged("j1", 2);
                }, "1 job ids acknowledged twice"),
                new Case("agent over-committed", l -> {
                    clean(l);
                    l.overcommitted("a1", "too much");
                }, "1 launches over-committed an agent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatWentWrong(Case c) {
        Ledger l = new Ledger();
        c.history().accept(l);
        List<String> problems = l.problems();
        if (c.wantProblem() == null) {
            assertEquals(List.of(), problems);
        } else {
            assertTrue(problems.contains(c.wantProblem()), c.name() + ": want '" + c.wantProblem() + "' in " + problems);
        }
    }
}
