package org.careline.triage.mapping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkloadCsvTest {

    @Test
    void cellsAreQuotedAndNeverStartAFormula() {
        assertEquals("nurse-pool", WorkloadCsv.cell("nurse-pool"));
        assertEquals("\"a,b\"", WorkloadCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", WorkloadCsv.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(1)", WorkloadCsv.cell("=HYPERLINK(1)"));
        assertEquals("\"'=SUM(A1,B1)\"", WorkloadCsv.cell("=SUM(A1,B1)"));
        assertEquals("", WorkloadCsv.cell(null));
    }
}
