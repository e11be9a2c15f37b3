package org.mesocosm.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.cyclefixture.a.Upstream;
import org.mesocosm.runtime.cyclefixture.b.Downstream;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.purityfixture.DrawsRandomness;
import org.mesocosm.runtime.master.purityfixture.PureStateMachine;
import org.mesocosm.runtime.master.purityfixture.ReadsAFile;
import org.mesocosm.runtime.master.purityfixture.ReadsTheWallClock;
import org.mesocosm.runtime.master.purityfixture.StartsAThread;
import org.mesocosm.runtime.master.purityfixture.UsesTheDurableLog;
import org.mesocosm.runtime.master.purityfixture.UsesThePrometheusClient;

/**
 * The master core stays pure, as a build fact: its packages use no clock, thread, file, socket or
 * live-side package, and the runtime's packages form no cycle. Each rule is also run over a
 * fixture class (test sources, in a core package) that breaks it, to show that it can fail.
 */
class CorePurityTest {
    /**
     * The runtime's production classes only (the fixtures live in the test classes), read from
     * the directory or jar that holds them rather than found by scanning the whole class path.
     */
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(Set.of(Location.of(codeSource(Master.class))));

    private static java.net.URL codeSource(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void theRuntimeHasItsCorePackages() {
        // a rule over packages that no longer exist would pass vacuously
        for (String pkg : new String[] {"master", "offer", "pods", "model", "policy", "spec", "cron"}) {
            assertTrue(RUNTIME.containPackage("org.mesocosm.runtime." + pkg), pkg);
        }
        assertTrue(RUNTIME.contain("org.mesocosm.runtime.master.Master"));
        assertFalse(RUNTIME.contain(ReadsTheWallClock.class), "fixtures must not count as production code");
    }

    @Test
    void theCoreIsFreeOfTheLiveSide() {
        CoreRules.coreIsFreeOfTheLiveSide(CoreRules.CORE).check(RUNTIME);
    }

    @Test
    void theCoreDoesNoIoAndStartsNoThreads() {
        CoreRules.coreDoesNoIoAndStartsNoThreads(CoreRules.CORE).check(RUNTIME);
    }

    @Test
    void theCoreReadsNoClockAndNoUnseededRandomness() {
        CoreRules.coreReadsNoClockAndNoUnseededRandomness(CoreRules.CORE).check(RUNTIME);
    }

    @Test
    void theRuntimePackagesFormNoCycle() {
        CoreRules.noCyclesAmong("org.mesocosm.runtime.(*)..").check(RUNTIME);
    }

    @Test
    void aCoreClassReadingTheWallClockIsReported() {
        String report = violations(CoreRules.coreReadsNoClockAndNoUnseededRandomness(CoreRules.CORE), ReadsTheWallClock.class);
        assertTrue(report.contains("System.currentTimeMillis()"), report);
        assertTrue(report.contains("Instant.now()"), report);
    }

    @Test
    void unseededRandomIsReportedAndSeededRandomIsNot() {
        String report = violations(CoreRules.coreReadsNoClockAndNoUnseededRandomness(CoreRules.CORE), DrawsRandomness.class);
        assertTrue(report.contains("DrawsRandomness.unseeded()"), report);
        assertFalse(report.contains("DrawsRandomness.seeded("), report);
    }

    @Test
    void aCoreClassStartingThreadsIsReported() {
        String report = violations(CoreRules.coreDoesNoIoAndStartsNoThreads(CoreRules.CORE), StartsAThread.class);
        assertTrue(report.contains("java.lang.Thread"), report);
        assertTrue(report.contains("java.util.concurrent.Executors"), report);
    }

    @Test
    void aCoreClassReadingAFileIsReported() {
        String report = violations(CoreRules.coreDoesNoIoAndStartsNoThreads(CoreRules.CORE), ReadsAFile.class);
        assertTrue(report.contains("java.nio.file.Files"), report);
        assertTrue(report.contains("java.io.UncheckedIOException"), report);
    }

    @Test
    void aCoreClassUsingTheDurableLogIsReported() {
        String report = violations(CoreRules.coreIsFreeOfTheLiveSide(CoreRules.CORE), UsesTheDurableLog.class);
        assertTrue(report.contains("org.mesocosm.runtime.log.InputLog"), report);
    }

    @Test
    void aCoreClassUsingThePrometheusClientIsReported() {
        String report = violations(CoreRules.coreIsFreeOfTheLiveSide(CoreRules.CORE), UsesThePrometheusClient.class);
        assertTrue(report.contains("io.prometheus.metrics.core.metrics.Counter"), report);
    }

    @Test
    void aPureClassBreaksNoRule() {
        JavaClasses pure = new ClassFileImporter().importClasses(PureStateMachine.class);
        for (ArchRule rule : CoreRules.coreRules(CoreRules.CORE)) {
            EvaluationResult r = rule.evaluate(pure);
            assertFalse(r.hasViolation(), r.getFailureReport().toString());
        }
    }

    @Test
    void aPackageCycleIsReported() {
        JavaClasses cycle = new ClassFileImporter().importClasses(Upstream.class, Downstream.class);
        EvaluationResult r = CoreRules.noCyclesAmong("org.mesocosm.runtime.cyclefixture.(*)..").evaluate(cycle);
        assertTrue(r.hasViolation());
        String report = r.getFailureReport().toString();
        assertTrue(report.contains("Cycle detected: Slice a"), report);
        assertTrue(report.contains("Upstream.next()> calls constructor <org.mesocosm.runtime.cyclefixture.b.Downstream"), report);
        assertTrue(report.contains("Downstream.back()> calls constructor <org.mesocosm.runtime.cyclefixture.a.Upstream"), report);
    }

    private static String violations(ArchRule rule, Class<?> fixture) {
        EvaluationResult r = rule.evaluate(new ClassFileImporter().importClasses(fixture));
        assertTrue(r.hasViolation(), "the rule must reject " + fixture.getSimpleName());
        return r.getFailureReport().toString();
    }
}
