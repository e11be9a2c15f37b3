package org.mesocosm.runtime.master.purityfixture;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Breaks the core rules on purpose (see CorePurityTest): a core class that starts threads. */
public final class StartsAThread {
    public void later(Runnable r) {
        new Thread(r).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(r);
    }
}
