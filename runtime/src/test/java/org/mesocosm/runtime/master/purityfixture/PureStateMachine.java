package org.mesocosm.runtime.master.purityfixture;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps every core rule (see CorePurityTest): the rules must not reject what a pure core may use. */
public final class PureStateMachine {
    private static final AtomicLong IDS = new AtomicLong();
    private long now;

    public void handle(long at) { now = at; }

    public long now() { return now; }

    public long draw(long seed) { return new Random(seed).nextLong(); }

    public byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    public ZoneId zone() { return ZoneId.of("UTC"); }

    public long nextId() { return IDS.incrementAndGet(); }
}
