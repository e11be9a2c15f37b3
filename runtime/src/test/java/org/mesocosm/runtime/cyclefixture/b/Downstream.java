package org.mesocosm.runtime.cyclefixture.b;

import org.mesocosm.runtime.cyclefixture.a.Upstream;

/** The other half of a package cycle made on purpose (see CorePurityTest). */
public final class Downstream {
    public Upstream back() { return new Upstream(); }
}
