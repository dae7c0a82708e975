package org.careline.bench.scale;

import org.careline.bench.BenchConfig;
import org.careline.bench.ledger.StackDatabases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pre-loads the scale data set straight into messaging's and triage's tables with {@code generate_series} (one
 * statement per table and chunk), as each service's own role. Ids are derived from the row numbers
 * ({@code md5('scale-thread-<n>')::uuid}), so the two databases agree without a join. No demo-realm patient: the
 * big patient is a load-test user of the benchmark realm, the others are synthetic ids ({@code BS-00001..}) that no
 * realm holds. What it writes, per thread n (newest last, 2 minutes apart, the newest ending now):
 * <ul>
 *   <li>messaging: the thread (status CLOSED, or AWAITING_CARE_TEAM for the newest {@code openShare}), and
 *   {@code messagesPerThread} messages alternating patient / clinician (10 minutes apart);</li>
 *   <li>triage: one decision per patient message, one queue item per thread (OPEN for the open threads, due in
 *   the future so the escalator leaves them; COMPLETED otherwise).</li>
 * </ul>
 * Workload facts, audit records, billing and read receipts are not generated: the listings do not read them.
 */
public final class ScaleData {

    /** What the data set is: where the big patient is, and how many rows. */
    public record Shape(long threads, long patientThreads, long openThreads, int messagesPerThread, String patientId,
                        String patientUser, String patientTeam, List<String> teams, String clinicianUser, int otherPatients) {

        public static Shape of(BenchConfig.Scale scale, String patientId, String patientUser, String patientTeam,
                               List<String> teams, String clinicianUser) {
            long threads = scale.messages() / scale.messagesPerThread();
            long patientThreads = scale.patientMessages() / scale.messagesPerThread();
            long open = Math.round(threads * scale.openShare());
            return new Shape(threads, patientThreads, open, scale.messagesPerThread(), patientId, patientUser, patientTeam,
                    List.copyOf(teams), clinicianUser, scale.otherPatients());
        }

        public long messages() {
            return threads * messagesPerThread;
        }
    }

    private static final long CHUNK = 25_000;

    private final StackDatabases dbs;

    public ScaleData(StackDatabases dbs) {
        this.dbs = dbs;
    }

    /**
     * Whether the last thread of this shape and its queue item are already there (then the load is skipped). Every
     * insert skips rows that exist, so a load cut short is completed by running it again.
     */
    public boolean present(Shape shape) throws SQLException {
        return exists("messaging", "select count(*) from message_thread where id = md5('scale-thread-' || ?)::uuid", shape.threads())
                && exists("triage", "select count(*) from queue_item where id = md5('scale-queue-' || ?)::uuid", shape.threads());
    }

    private boolean exists(String database, String sql, long n) throws SQLException {
        try (Connection db = dbs.open(database, true); PreparedStatement q = db.prepareStatement(sql)) {
            q.setLong(1, n);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        }
    }

    /**
     * {@code VACUUM ANALYZE} of the four tables, run before every scale run's plans and load. The vacuum right after
     * the load may not mark the new pages all-visible (a service transaction still open in that database holds the
     * horizon back): the work list's index-only count then fetches every heap row (33 ms instead of 2.5 ms for the
     * queue counts in the first run). A later vacuum, as autovacuum would do on a live system, sets the visibility map.
     */
    public void settle() throws SQLException {
        try (Connection db = dbs.open("messaging", false); Statement s = db.createStatement()) {
            s.execute("vacuum analyze message_thread");
            s.execute("vacuum analyze message");
        }
        try (Connection db = dbs.open("triage", false); Statement s = db.createStatement()) {
            s.execute("vacuum analyze triage_decision");
            s.execute("vacuum analyze queue_item");
        }
    }

    /** Loads the whole data set, prints progress, analyzes the tables; returns how long it took. */
    public Duration load(Shape shape) throws SQLException {
        Instant start = Instant.now();
        try (Connection db = dbs.open("messaging", false)) {
            for (long from = 1; from <= shape.threads(); from += CHUNK) {
                long to = Math.min(shape.threads(), from + CHUNK - 1);
                execute(db, THREADS, shape, from, to);
                execute(db, MESSAGES, shape, from, to);
                System.out.printf("scale: messaging threads %d-%d of %d (%d s)%n", from, to, shape.threads(),
                        Duration.between(start, Instant.now()).toSeconds());
            }
            try (Statement s = db.createStatement()) {
                s.execute("vacuum analyze message_thread");
                s.execute("vacuum analyze message");
            }
        }
        try (Connection db = dbs.open("triage", false)) {
            for (long from = 1; from <= shape.threads(); from += CHUNK) {
                long to = Math.min(shape.threads(), from + CHUNK - 1);
                execute(db, DECISIONS, shape, from, to);
                execute(db, QUEUE_ITEMS, shape, from, to);
                System.out.printf("scale: triage threads %d-%d of %d (%d s)%n", from, to, shape.threads(),
                        Duration.between(start, Instant.now()).toSeconds());
            }
            try (Statement s = db.createStatement()) {
                s.execute("vacuum analyze triage_decision");
                s.execute("vacuum analyze queue_item");
            }
        }
        return Duration.between(start, Instant.now());
    }

    /**
     * Parameters, in order, of every statement below: 1 total threads, 2 patient threads, 3 open threads,
     * 4 messages per thread, 5 patient id, 6 patient user, 7 patient team, 8 teams (text[]), 9 clinician user,
     * 10 other patients, 11 from, 12 to. Shared columns are computed in the {@code t} subquery.
     */
    private static final String ROWS = """
            with p as (select ?::bigint as total, ?::bigint as mine, ?::bigint as open, ?::int as per, ?::text as pid,
                              ?::text as puser, ?::text as pteam, ?::text[] as teams, ?::text as doctor, ?::int as others),
            t as (select n, p.per, p.doctor,
                         md5('scale-thread-' || n)::uuid as id,
                         case when n <= p.mine then p.pid else 'BS-' || lpad(((n % p.others) + 1)::text, 5, '0') end as patient,
                         case when n <= p.mine then p.puser else 'scale-patient-' || ((n % p.others) + 1) end as author,
                         case when n <= p.mine then p.pteam else p.teams[(1 + n % array_length(p.teams, 1))::int] end as team,
                         n > p.total - p.open as is_open,
                         now() - make_interval(mins => ((p.total - n) * 2 + (p.per - 1) * 10)::int) as created,
                         (array['MEDICATION','APPOINTMENT','TEST_RESULTS','CLINICAL','BILLING','ADMINISTRATIVE','OTHER'])[(1 + n % 7)::int] as category,
                         case when n % 500 = 0 then 'EMERGENT' when n % 20 = 0 then 'URGENT' else 'ROUTINE' end as urgency
                  from p, generate_series(?::bigint, ?::bigint) as n)
            """;

    private static final String THREADS = ROWS + """
            insert into message_thread (id, patient_id, care_team, subject, topic, status, created_by, created_by_role,
                                        patient_initiated, created_at, updated_at, addressed_to, closed_at)
            select id, patient, team, 'Scale run thread ' || n,
                   (array['MEDICATION','APPOINTMENT','TEST_RESULTS','CLINICAL_QUESTION','BILLING','PAPERWORK','OTHER'])[(1 + n % 7)::int],
                   case when is_open then 'AWAITING_CARE_TEAM' else 'CLOSED' end, author, 'PATIENT', true,
                   created, created + make_interval(mins => (per - 1) * 10), null,
                   case when is_open then null else created + make_interval(mins => (per - 1) * 10 + 1) end
            from t
            on conflict do nothing
            """;

    private static final String MESSAGES = ROWS + """
            insert into message (id, thread_id, author_id, author_role, author_credential, body, posted_at)
            select md5('scale-message-' || n || '-' || k)::uuid, id,
                   case when k % 2 = 0 then author else doctor end,
                   case when k % 2 = 0 then 'PATIENT' else 'CLINICIAN' end,
                   case when k % 2 = 0 then null else 'MD' end,
                   'Synthetic scale-run message ' || k || ' of thread ' || n || '.',
                   created + make_interval(mins => k * 10)
            from t, generate_series(0, per - 1) as k
            on conflict do nothing
            """;

    private static final String DECISIONS = ROWS + """
            insert into triage_decision (id, thread_id, message_id, patient_id, care_team, urgency, category, confidence,
                                         explanation, rules_version, decided_at)
            select md5('scale-decision-' || n || '-' || k)::uuid, id, md5('scale-message-' || n || '-' || k)::uuid::text,
                   patient, team, urgency, category, 0.8, 'Scale run pre-load', 'scale-preload',
                   created + make_interval(mins => k * 10, secs => 1)
            from t, generate_series(0, per - 1, 2) as k
            on conflict do nothing
            """;

    private static final String QUEUE_ITEMS = ROWS + """
            insert into queue_item (id, thread_id, patient_id, care_team, queue, urgency, priority, due_at, status,
                                    last_message_id, created_at, updated_at, completed_by, completed_at)
            select md5('scale-queue-' || n)::uuid, id, patient, team,
                   case when urgency = 'EMERGENT' then 'physicians'
                        when category = 'MEDICATION' then 'refill-pool'
                        when category in ('APPOINTMENT', 'ADMINISTRATIVE') then 'front-desk'
                        when category = 'BILLING' then 'billing-office'
                        else 'nurse-pool' end,
                   urgency, case urgency when 'EMERGENT' then 1 when 'URGENT' then 2 else 3 end,
                   case when is_open then now() + make_interval(hours => 24 + (n % 96)::int)
                        else created + interval '1 day' end,
                   case when is_open then 'OPEN' else 'COMPLETED' end,
                   md5('scale-message-' || n || '-' || ((per - 1) / 2 * 2))::uuid::text,
                   created + interval '1 second', created + make_interval(mins => (per - 1) * 10),
                   case when is_open then null else doctor end,
                   case when is_open then null else created + make_interval(mins => (per - 1) * 10) end
            from t
            on conflict do nothing
            """;

    private static void execute(Connection db, String sql, Shape s, long from, long to) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setLong(1, s.threads());
            q.setLong(2, s.patientThreads());
            q.setLong(3, s.openThreads());
            q.setInt(4, s.messagesPerThread());
            q.setString(5, s.patientId());
            q.setString(6, s.patientUser());
            q.setString(7, s.patientTeam());
            q.setArray(8, db.createArrayOf("text", s.teams().toArray()));
            q.setString(9, s.clinicianUser());
            q.setInt(10, s.otherPatients());
            q.setLong(11, from);
            q.setLong(12, to);
            q.executeUpdate();
        }
    }
}
