package org.careline.billing.mapping;

import org.careline.billing.Charge;
import org.careline.billing.ChargeStatus;
import org.careline.billing.rules.EpisodeRules;
import org.careline.billing.rules.RulePolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChargeCsvTest {

    private final ChargeCsv csv = new ChargeCsv(new EpisodeRules(RulePolicy.defaults()));

    @Test
    void rowsUseLocalServiceDatesAndTheLastDayOfTheWindow() {
        Charge c = new Charge();
        c.id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        c.episodeId = UUID.fromString("00000000-0000-0000-0000-000000000002");
        c.patientId = "P-1001";
        c.billingGroup = "family-medicine";
        c.code = "99422";
        c.minutes = 13;
        c.status = ChargeStatus.SUBMITTED;
        // 15:00 EST Monday 2 March to local midnight after Sunday 8 March (EDT)
        c.serviceStart = Instant.parse("2026-03-02T20:00:00Z");
        c.serviceEnd = Instant.parse("2026-03-09T04:00:00Z");
        c.submittedAt = Instant.parse("2026-03-09T15:00:00Z");

        assertEquals(ChargeCsv.HEADER + "\r\n" + "00000000-0000-0000-0000-000000000001,"
                + "00000000-0000-0000-0000-000000000002,P-1001,family-medicine,99422,1,13,2026-03-02,2026-03-08,"
                + "SUBMITTED,2026-03-09T15:00:00Z\r\n", csv.write(List.of(c)));
    }

    @Test
    void fieldsWithSeparatorsAreQuoted() {
        assertEquals("\"a,b\"", ChargeCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ChargeCsv.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", ChargeCsv.field("two\r\nlines"));
        assertEquals("plain", ChargeCsv.field("plain"));
        assertEquals("", ChargeCsv.field(null));
    }
}
