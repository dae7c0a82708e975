package org.careline.bench.scale;

import org.careline.bench.BenchConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScaleSummaryTest {

    @Test
    void drawsFollowTheSharesInOrder() {
        List<ScaleSummary.Request> r = List.of(new ScaleSummary.Request("a", "/a", 0.25, true),
                new ScaleSummary.Request("b", "/b", 0.75, false));
        assertEquals("a", ScaleSummary.pick(r, 0.0).name());
        assertEquals("a", ScaleSummary.pick(r, 0.2499).name());
        assertEquals("b", ScaleSummary.pick(r, 0.25).name());
        assertEquals("b", ScaleSummary.pick(r, 0.9999).name());
        assertEquals(1.0, ScaleSummary.totalShare(r), 1e-9);
    }

    @Test
    void theDataSetHasTheIssuesShape() {
        BenchConfig.Scale scale = new BenchConfig.Scale(1_000_000, 300_000, 4, 0.02, 5000, 200, Duration.ofSeconds(60), 5, false);
        ScaleData.Shape s = ScaleData.Shape.of(scale, "BP-0200", "bench-patient-0200", "cardiology",
                List.of("family-medicine", "cardiology"), "bench-clinician-002");
        assertEquals(1_000_000, s.messages());
        assertEquals(250_000, s.threads());
        assertEquals(75_000, s.patientThreads());
        assertEquals(5_000, s.openThreads());
    }

    @Test
    void threadListSqlIsKeysetPaginatedLikeTheRepository() {
        assertEquals("select * from message_thread where patient_id in ('BP-1') order by updated_at desc, id desc limit 51",
                ListingPlans.threads("patient_id in ('BP-1')", null, 50));
        assertEquals("select * from message_thread where patient_id in ('BP-1') and (updated_at < 'T' or (updated_at = 'T' and id < 'I'))"
                        + " order by updated_at desc, id desc limit 51",
                ListingPlans.threads("patient_id in ('BP-1')", new String[] {"T", "I"}, 50));
    }
}
