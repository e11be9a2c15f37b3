package org.mesocosm.sim.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTimeParseTest {

    private record Bad(String text, String message) {}

    @Test
    void parsesEachModeAndPrintsItBack() {
        assertEquals(DecisionTime.ZERO, DecisionTime.parse("zero"));
        DecisionTime m = DecisionTime.parse("model:job=100ms,task=5ms,per=scheduler");
        assertEquals(DecisionTime.Mode.MODEL, m.mode());
        assertEquals(100_000, m.jobMicros());
        assertEquals(5_000, m.taskMicros());
        assertEquals(1000, m.maxAttempts());
        assertEquals(m, DecisionTime.parse(m.spec()));
        assertEquals(DecisionTime.model(100_000, 5_000), DecisionTime.parse("model"), "the Omega paper's batch defaults");
        assertEquals(7, DecisionTime.parse("model:job=1s,task=0,max-attempts=7").maxAttempts());
        DecisionTime x = DecisionTime.parse("measured:scale=2.5");
        assertEquals(2.5, x.scale());
        assertEquals(1.0, DecisionTime.parse("measured").scale());
        assertEquals(x, DecisionTime.parse(x.spec()));
    }

    @Test
    void rejectsWhatItCannotMeanNamingThePart() {
        for (Bad b : List.of(
                new Bad("model:job=fast", "job=fast: not a duration"),
                new Bad("model:per=cluster", "per=cluster"),
                new Bad("model:jobs=1s", "unknown parameter 'jobs'"),
                new Bad("model:job", "'job' is not key=value"),
                new Bad("measured:scale=0", "scale must be > 0"),
                new Bad("measured:scale=x", "scale=x is not a number"),
                new Bad("zero:job=1s", "zero takes no parameters"),
                new Bad("model:max-attempts=0", "max-attempts must be >= 1"),
                new Bad("often", "unknown mode 'often'"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionTime.parse(b.text()), b.text());
            assertTrue(e.getMessage().contains(b.message()), b.text() + " -> " + e.getMessage());
        }
    }
}
