package org.careline.bench.scale;

import org.careline.bench.ledger.StackDatabases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the listing queries as the services issue them (the SQL Hibernate generates
 * from ThreadRepository.page and QueueItemRepository.counts/page, with the values of the scale run's callers),
 * first page and page {@code deepPage} by cursor. Read-only: EXPLAIN ANALYZE of a select runs the select.
 */
public final class ListingPlans {

    /** One query's plan and what it says. */
    public record Plan(String name, String database, String sql, List<String> lines) {

        /** A sequential scan of a big table, or a sort of every matching row before the limit. */
        public boolean scans() {
            return lines.stream().anyMatch(l -> l.contains("Seq Scan on message_thread") || l.contains("Seq Scan on queue_item")
                    || l.contains("Seq Scan on message "));
        }

        public String executionTime() {
            return lines.stream().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("?");
        }
    }

    private final StackDatabases dbs;

    public ListingPlans(StackDatabases dbs) {
        this.dbs = dbs;
    }

    public List<Plan> explain(ScaleData.Shape shape, String clinicianUser, String queue, int deepPage, int threadPage, int itemPage)
            throws SQLException {
        int deepOffset = (deepPage - 1) * threadPage - 1;
        List<Plan> plans = new ArrayList<>();
        Map<String, String> q = new LinkedHashMap<>();
        String patient = "patient_id in ('" + shape.patientId() + "')";
        String clinician = "(care_team in ('" + shape.patientTeam() + "') or addressed_to = '" + clinicianUser + "')";
        try (Connection db = dbs.open("messaging", true)) {
            String[] patientCursor = row(db, "select updated_at::text, id::text from message_thread where " + patient
                    + " order by updated_at desc, id desc offset " + deepOffset + " limit 1");
            String[] clinicianCursor = row(db, "select updated_at::text, id::text from message_thread where " + clinician
                    + " order by updated_at desc, id desc offset " + deepOffset + " limit 1");
            q.put("threads, patient, page 1", threads(patient, null, threadPage));
            q.put("threads, patient, page " + deepPage, threads(patient, patientCursor, threadPage));
            q.put("threads, clinician, page 1", threads(clinician, null, threadPage));
            q.put("threads, clinician, page " + deepPage, threads(clinician, clinicianCursor, threadPage));
            for (var e : q.entrySet()) {
                plans.add(new Plan(e.getKey(), "messaging", e.getValue(), explain(db, e.getValue())));
            }
        }
        q.clear();
        try (Connection db = dbs.open("triage", true)) {
            String items = "care_team in ('" + shape.patientTeam() + "') and queue = '" + queue + "' and status = 'OPEN'";
            String[] c = row(db, "select priority::text, due_at::text, id::text from queue_item where " + items
                    + " order by priority, due_at, id offset " + ((deepPage - 1) * itemPage - 1) + " limit 1");
            q.put("queues (counts)", "select care_team, queue, count(*), sum(case when due_at < now() then 1 else 0 end) "
                    + "from queue_item where status = 'OPEN' and care_team in ('" + shape.patientTeam() + "') "
                    + "group by care_team, queue order by care_team, queue");
            q.put("queue items, page 1", "select * from queue_item where " + items + " order by priority, due_at, id limit " + (itemPage + 1));
            if (c != null) {
                q.put("queue items, page " + deepPage, "select * from queue_item where " + items + " and (priority > " + c[0]
                        + " or (priority = " + c[0] + " and (due_at > '" + c[1] + "' or (due_at = '" + c[1] + "' and id > '" + c[2]
                        + "')))) order by priority, due_at, id limit " + (itemPage + 1));
            }
            for (var e : q.entrySet()) {
                plans.add(new Plan(e.getKey(), "triage", e.getValue(), explain(db, e.getValue())));
            }
        }
        return plans;
    }

    /** ThreadRepository.page: visible filter, optional keyset cursor, newest activity first, one row more than a page. */
    static String threads(String visible, String[] cursor, int pageSize) {
        String where = visible;
        if (cursor != null) {
            where += " and (updated_at < '" + cursor[0] + "' or (updated_at = '" + cursor[0] + "' and id < '" + cursor[1] + "'))";
        }
        return "select * from message_thread where " + where + " order by updated_at desc, id desc limit " + (pageSize + 1);
    }

    private static String[] row(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            String[] out = new String[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.getString(i + 1);
            }
            return out;
        }
    }

    private static List<String> explain(Connection db, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("explain (analyze, buffers) " + sql); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    public static String markdown(List<Plan> plans) {
        StringBuilder md = new StringBuilder("| Query | database | scans a big table | execution time |\n|---|---|---|---|\n");
        plans.forEach(p -> md.append("| ").append(p.name()).append(" | ").append(p.database()).append(" | ")
                .append(p.scans() ? "**yes**" : "no").append(" | ").append(p.executionTime().replace("Execution Time: ", "")).append(" |\n"));
        for (Plan p : plans) {
            md.append("\n### ").append(p.name()).append("\n\n```sql\n").append(p.sql()).append("\n```\n\n```\n");
            p.lines().forEach(l -> md.append(l).append('\n'));
            md.append("```\n");
        }
        return md.toString();
    }
}
