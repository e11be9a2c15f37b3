package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fidelity table's cells: a tiny error is shown as what it is, zero as 0, never as "-0.0000". */
class FidelityTableFormatTest {
    @Test
    void tinyValuesKeepTheirDigitsAndZeroHasNoSign() {
        assertEquals("-1.23e-05", FidelityTable.fmt(-0.0000123));
        assertEquals("4.00e-06", FidelityTable.fmt(0.000004));
        assertEquals("0", FidelityTable.fmt(-0.0));
        assertEquals("0", FidelityTable.fmt(0.0));
        assertEquals("0.2050", FidelityTable.fmt(0.205));
        assertEquals("-0.0003", FidelityTable.fmt(-0.0003));
        assertEquals("1,500", FidelityTable.fmt(1500.4));
        assertEquals("n/a", FidelityTable.fmt(Double.NaN));
    }
}
