package org.careline.bench.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentilesTest {

    @Test
    void nearestRankOverOneToHundred() {
        List<Long> values = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            values.add(i);
        }
        Percentiles p = Percentiles.of(values);
        assertEquals(new Percentiles(100, 50, 95, 99, 100), p);
        assertEquals("| x | 100 | 50 | 95 | 99 | 100 |", p.row("x"));
    }

    @Test
    void smallAndEmptySamples() {
        assertEquals(new Percentiles(1, 7, 7, 7, 7), Percentiles.of(List.of(7L)));
        assertEquals(new Percentiles(3, 2, 9, 9, 9), Percentiles.of(List.of(9L, 1L, 2L)));
        assertEquals(0, Percentiles.of(List.of()).count());
        assertEquals("| x | 0 | - | - | - | - |", Percentiles.of(List.of()).row("x"));
    }
}
