package org.mesocosm.runtime.model.constraints;

/**
 * Lets a pod be placed on (or not be pushed away from) agents with a matching taint.
 *
 * @param key taint key to match; "" with {@link Operator#EXISTS} matches every key
 * @param operator {@code EQUAL}: the taint's value must equal {@code value}; {@code EXISTS}: any value
 * @param value compared with {@code EQUAL}
 * @param effect the effect to match; null matches every effect
 */
public record Toleration(String key, Operator operator, String value, Taint.Effect effect) {

    public enum Operator { EQUAL, EXISTS }

    public Toleration {
        key = key == null ? "" : key;
        value = value == null ? "" : value;
        if (operator == null) throw new IllegalArgumentException("toleration '" + key + "': operator missing");
        if (key.isEmpty() && operator != Operator.EXISTS) {
            throw new IllegalArgumentException("a toleration with an empty key must use operator EXISTS");
        }
        if (operator == Operator.EXISTS && !value.isEmpty()) {
            throw new IllegalArgumentException("toleration '" + key + "': EXISTS takes no value");
        }
    }

    public static Toleration equal(String key, String value, Taint.Effect effect) {
        return new Toleration(key, Operator.EQUAL, value, effect);
    }

    public static Toleration exists(String key, Taint.Effect effect) {
        return new Toleration(key, Operator.EXISTS, "", effect);
    }

    /** Kubernetes' ToleratesTaint: effect, key and value (or existence) must all match. */
    public boolean tolerates(Taint t) {
        if (effect != null && effect != t.effect()) return false;
        if (!key.isEmpty() && !key.equals(t.key())) return false;
        return operator == Operator.EXISTS || value.equals(t.value());
    }
}
