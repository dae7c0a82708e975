package org.careline.billing.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Charge;
import org.careline.billing.rules.EpisodeRules;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The billing office's CSV (RFC 4180, CRLF): one row per charge, one unit of the CPT code, service dates in
 * the practice's zone (the window's first and last day). No place-of-service or modifier column: online
 * digital E/M is not telehealth.
 */
@ApplicationScoped
public class ChargeCsv {

    public static final String HEADER = "charge_id,episode_id,patient_id,billing_group,cpt_code,units,minutes,"
            + "service_from,service_to,status,submitted_at";

    private final ZoneId zone;

    public ChargeCsv(EpisodeRules rules) {
        this.zone = rules.policy().zone();
    }

    public String write(List<Charge> charges) {
        return Stream.concat(Stream.of(HEADER), charges.stream().map(this::row))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private String row(Charge c) {
        return Stream.of(c.id.toString(), c.episodeId.toString(), c.patientId, c.billingGroup, c.code, "1",
                        Integer.toString(c.minutes), c.serviceStart.atZone(zone).toLocalDate().toString(),
                        c.serviceEnd.minusNanos(1).atZone(zone).toLocalDate().toString(), c.status.name(),
                        c.submittedAt == null ? "" : c.submittedAt.toString())
                .map(ChargeCsv::field)
                .collect(Collectors.joining(","));
    }

    /** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        return value.matches("(?s).*[\",\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
