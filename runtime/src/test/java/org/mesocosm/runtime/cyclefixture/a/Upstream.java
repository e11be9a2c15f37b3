package org.mesocosm.runtime.cyclefixture.a;

import org.mesocosm.runtime.cyclefixture.b.Downstream;

/** Half of a package cycle made on purpose (see CorePurityTest). */
public final class Upstream {
    public Downstream next() { return new Downstream(); }
}
