package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FmtTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "0.00012, 1.20e-04", "0.0125, 0.0125", "0.5, 0.5", "1.25, 1.25", "30.4, 30.4",
        "60, 60", "120, 120", "312.04, 312", "999.96, '1,000'", "4321.4, '4,321'", "-2.5, -2.5", "NaN, n/a"})
    void numbersKeepAboutThreeSignificantDigits(double value, String expected) {
        assertEquals(expected, Fmt.number(value));
    }

    @ParameterizedTest
    @CsvSource({"0.7342, 73.4%", "1, 100.0%", "0, 0.0%", "NaN, n/a"})
    void percents(double value, String expected) {
        assertEquals(expected, Fmt.percent(value));
    }
}
