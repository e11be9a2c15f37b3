package org.mesocosm.runtime.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The rules that keep the master core a pure state machine (DESIGN.md sections 1 and 6), as a build
 * fact: no clock, no thread, no file or socket, no live-side package. The rules take the packages
 * they guard as an argument so that a test can also run them over a fixture that breaks them, and
 * show that they do fail.
 */
final class CoreRules {
    private CoreRules() {}

    /** The master core: the state machine, its policies' SPI and everything it is built from. */
    static final String[] CORE = {
        "org.mesocosm.runtime.master..", "org.mesocosm.runtime.offer..", "org.mesocosm.runtime.pods..",
        "org.mesocosm.runtime.model..", "org.mesocosm.runtime.policy..", "org.mesocosm.runtime.spec..",
        "org.mesocosm.runtime.cron..", "org.mesocosm.runtime.random..", "org.mesocosm.runtime.util..",
        "org.mesocosm.runtime.text.."
    };

    /**
     * The live side and the recorders: HTTP, agents, TLS and credentials, secrets, the durable log, run output files,
     * and the Prometheus client that only the live master's /metrics uses (a policy reports its numbers as neutral
     * PolicyMetric records instead).
     */
    static final String[] LIVE_SIDE = {
        "org.mesocosm.runtime.live..", "org.mesocosm.runtime.agent..", "org.mesocosm.runtime.security..",
        "org.mesocosm.runtime.secrets..", "org.mesocosm.runtime.log..", "org.mesocosm.runtime.metrics..",
        "io.prometheus.."
    };

    /**
     * I/O, networking, TLS and threads. java.io and java.nio.file cover files and streams; java.nio.charset
     * (pure text encoding) stays allowed. java.util.concurrent.atomic stays allowed: an atomic counter starts
     * no thread and reads no clock.
     */
    static final String[] IO_AND_THREADS = {
        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "javax.net..", "javax.crypto..",
        "java.security.cert..", "com.sun.net.httpserver..", "java.net.http..", "java.lang.ProcessBuilder",
        "java.lang.Process", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.Runtime",
        "java.util.Timer", "java.util.concurrent", "java.util.concurrent.locks..", "java.time.Clock",
        "java.time.InstantSource", "java.util.concurrent.ThreadLocalRandom"
    };

    /** Nothing in the core may use a live-side package. */
    static ArchRule coreIsFreeOfTheLiveSide(String... core) {
        return noClasses().that().resideInAnyPackage(core)
                .should().dependOnClassesThat().resideInAnyPackage(LIVE_SIDE)
                .because("the master core runs unchanged in simulation: HTTP, TLS, secrets, the durable log, run files and the metrics client belong to the drivers");
    }

    /** Nothing in the core may touch files, sockets, processes or threads. */
    static ArchRule coreDoesNoIoAndStartsNoThreads(String... core) {
        return noClasses().that().resideInAnyPackage(core)
                .should().dependOnClassesThat(residesInAnyPackageOrIs(IO_AND_THREADS))
                .because("the master is a single-threaded state machine that does no I/O (DESIGN.md section 1)");
    }

    /** Nothing in the core may read the wall clock, the environment, or an unseeded source of randomness. */
    static ArchRule coreReadsNoClockAndNoUnseededRandomness(String... core) {
        return noClasses().that().resideInAnyPackage(core)
                .should().accessTargetWhere(readsClockOrUnseededRandomness())
                .because("same seed, same event log: time comes from the driver as input, randomness from seeded streams");
    }

    /** No package of the runtime depends, through any chain, on a package that depends back on it. */
    static ArchRule noCyclesAmong(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }

    static List<ArchRule> coreRules(String... core) {
        return List.of(coreIsFreeOfTheLiveSide(core), coreDoesNoIoAndStartsNoThreads(core), coreReadsNoClockAndNoUnseededRandomness(core));
    }

    private static DescribedPredicate<JavaClass> residesInAnyPackageOrIs(String[] patterns) {
        return DescribedPredicate.describe("reside in any of " + String.join(", ", patterns), c -> {
            for (String p : patterns) {
                if (p.endsWith("..")) {
                    String pkg = p.substring(0, p.length() - 2);
                    if (c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".")) return true;
                } else if (Character.isUpperCase(p.charAt(p.lastIndexOf('.') + 1))) {
                    if (c.getName().equals(p) || c.getName().startsWith(p + "$")) return true;
                } else if (c.getPackageName().equals(p)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The calls that read the time of day or machine time, the environment, or draw unseeded random numbers. */
    private static final Set<String> CLOCK_METHODS = Set.of(
            "java.lang.System.currentTimeMillis", "java.lang.System.nanoTime", "java.lang.System.getenv",
            "java.lang.System.getProperty", "java.lang.System.getProperties", "java.lang.System.exit",
            "java.lang.Math.random", "java.lang.StrictMath.random", "java.util.UUID.randomUUID");

    private static DescribedPredicate<JavaAccess<?>> readsClockOrUnseededRandomness() {
        return DescribedPredicate.describe("read the clock, the environment or unseeded randomness", a -> {
            String owner = a.getTargetOwner().getName();
            String name = a.getTarget().getName();
            if (CLOCK_METHODS.contains(owner + "." + name)) return true;
            // Instant.now(), LocalDateTime.now(), ZonedDateTime.now(), ... : every java.time "now"
            if (owner.startsWith("java.time.") && name.equals("now")) return true;
            // new Random() seeds itself from the clock; new Random(seed) is what seeded streams use
            if (owner.equals("java.util.Random") && name.equals("<init>")) {
                return a.getTarget() instanceof com.tngtech.archunit.core.domain.AccessTarget.ConstructorCallTarget ctor
                        && ctor.getRawParameterTypes().isEmpty();
            }
            return false;
        });
    }
}
