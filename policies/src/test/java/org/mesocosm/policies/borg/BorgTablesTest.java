package org.mesocosm.policies.borg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mesocosm.runtime.model.Resources;

/** Borg's bands, scores and reservations with known answers. */
class BorgTablesTest {

    record BandCase(int preemptor, int victim, boolean may) {}

    static Stream<BandCase> bands() {
        return Stream.of(
                new BandCase(200, 100, true),   // production over batch
                new BandCase(200, 0, true),     // production over best effort
                new BandCase(150, 0, true),     // batch over best effort
                new BandCase(199, 100, false),  // within batch, though higher: never within a band
                new BandCase(300, 200, false),  // within production
                new BandCase(99, 0, false),     // within best effort
                new BandCase(100, 200, false),  // batch over production: never upward
                new BandCase(0, 100, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bands")
    void preemptionOnlyAcrossBandsDownward(BandCase c) {
        assertEquals(c.may(), BorgPolicy.rule(Bands.DEFAULT).mayPreempt(c.preemptor(), c.victim()));
    }

    record Fit(String name, long usedCpu, long capCpu, long usedMem, long capMem, long want) {
        @Override public String toString() { return name; }
    }

    static Stream<Fit> bestFit() {
        return Stream.of(
                new Fit("exactly full", 4000, 4000, 8192, 8192, 100),
                new Fit("empty node, nothing asked", 0, 4000, 0, 8192, 0),
                new Fit("half and a quarter left: 100 - (50 + 25) / 2", 2000, 4000, 6144, 8192, 63),
                new Fit("over is as good as full", 5000, 4000, 8192, 8192, 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bestFit")
    void bestFitScore(Fit c) {
        assertEquals(c.want(), BestFitScore.score(c.usedCpu(), c.capCpu(), c.usedMem(), c.capMem()), c.name());
    }

    record Epvm(String name, double base, long used, long req, long cap, double want) {
        @Override public String toString() { return name; }
    }

    static Stream<Epvm> epvm() {
        // cpu and memory given the same utilization, so the cost is twice one resource's
        return Stream.of(
                new Epvm("base 2, empty to half: 2 * (2^0.5 - 1)", 2, 0, 50, 100, 2 * (Math.sqrt(2) - 1)),
                new Epvm("base 2, half to full: 2 * (2 - 2^0.5)", 2, 50, 50, 100, 2 * (2 - Math.sqrt(2))),
                new Epvm("base 100, empty to full: 2 * 99", 100, 0, 100, 100, 198),
                new Epvm("nothing asked costs nothing", 100, 30, 0, 100, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("epvm")
    void epvmMarginalCost(Epvm c) {
        assertEquals(c.want(), EpvmScore.marginalCost(c.base(), c.used(), c.req(), c.cap(), c.used(), c.req(), c.cap()), 1e-9, c.name());
    }

    record Reservation(Resources request, Resources usage, Resources want) {}

    static Stream<Reservation> reservations() {
        return Stream.of(
                new Reservation(Resources.of(4000, 8192), Resources.of(1000, 1024), Resources.of(1100, 1127)),  // usage + 10%, rounded up
                new Reservation(Resources.of(1000, 1024), Resources.of(950, 1000), Resources.of(1000, 1024)),  // never above the request
                new Reservation(Resources.of(1000, 1024), Resources.of(0, 0), Resources.of(0, 0)));
    }

    @ParameterizedTest
    @MethodSource("reservations")
    void reservationIsUsagePlusMargin(Reservation c) {
        assertEquals(c.want(), UsageReclaimer.reservation(c.request(), c.usage()));
    }
}
