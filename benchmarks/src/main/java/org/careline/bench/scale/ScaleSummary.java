package org.careline.bench.scale;

import org.careline.bench.Api;
import org.careline.bench.BenchConfig;
import org.careline.bench.RunLog;
import org.careline.bench.report.Percentiles;
import org.careline.bench.report.ProcessStats;
import org.careline.bench.report.Summary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scale run's listing mix and its Markdown summary. Each arrival is one GET: the big patient's thread list
 * (first page, and page N by a cursor fetched before the load), a clinician of that patient's team's thread list
 * (same), the team's queue counts, and a queue's open items (first page and page N). The patient's share stays
 * under the gateway's per-caller limit (50 requests/s per route) at 200 requests/s; clinicians rotate.
 */
public final class ScaleSummary {

    /** The queue whose items are listed (the default pool of clinical questions and test results). */
    public static final String QUEUE = "nurse-pool";
    /** Page sizes as the clients get them by default: messaging's thread list (50), triage's work list (20). */
    public static final int THREAD_PAGE = 50;
    public static final int ITEM_PAGE = 20;
    /** p99 target of every listing at 200 requests/s (issue 9). */
    public static final long TARGET_P99_MS = 20;

    /** One kind of request, its share of the arrivals and whether the big patient makes it (else a clinician). */
    public record Request(String name, String path, double share, boolean asPatient) {
    }

    /** Everything fixed before the load: the data set, cursors to page N, who calls. */
    public record Prepared(ScaleData.Shape shape, String patientUser, List<String> clinicians, List<Request> requests,
                           Duration loaded, List<ListingPlans.Plan> plans) {
    }

    private ScaleSummary() {
    }

    /** Follows nextCursor to page {@code deepPage} of each listing, as the big patient and as a clinician. */
    public static Prepared prepare(Api api, ScaleData.Shape shape, String patientToken, String clinicianToken,
                                   List<String> clinicians, int deepPage, Duration loaded, List<ListingPlans.Plan> plans) {
        String threads = "/api/v1/threads";
        String items = "/api/v1/queues/" + QUEUE + "/items";
        String patientDeep = cursorPath(api, patientToken, threads, deepPage);
        String clinicianDeep = cursorPath(api, clinicianToken, threads, deepPage);
        String itemsDeep = cursorPath(api, clinicianToken, items, deepPage);
        List<Request> requests = List.of(
                new Request("GET /threads (big patient, page 1)", threads, 0.10, true),
                new Request("GET /threads (big patient, page " + deepPage + ")", patientDeep, 0.10, true),
                new Request("GET /threads (clinician, page 1)", threads, 0.15, false),
                new Request("GET /threads (clinician, page " + deepPage + ")", clinicianDeep, 0.15, false),
                new Request("GET /queues (clinician)", "/api/v1/queues", 0.20, false),
                new Request("GET /queues/{queue}/items (page 1)", items, 0.15, false),
                new Request("GET /queues/{queue}/items (page " + deepPage + ")", itemsDeep, 0.15, false));
        return new Prepared(shape, shape.patientUser(), clinicians, requests, loaded, plans);
    }

    /** The request for a uniform draw in [0, 1): shares are cumulative in list order. */
    public static Request pick(Prepared prepared, double draw) {
        return pick(prepared.requests(), draw);
    }

    static Request pick(List<Request> requests, double draw) {
        double cumulative = 0;
        for (Request r : requests) {
            cumulative += r.share();
            if (draw < cumulative) {
                return r;
            }
        }
        return requests.get(requests.size() - 1);
    }

    private static String cursorPath(Api api, String token, String path, int page) {
        String cursor = null;
        for (int i = 1; i < page; i++) {
            Api.Answer a = api.get(token, cursor == null ? path : path + "?cursor=" + Api.enc(cursor));
            if (!a.ok() || a.body() == null || !a.body().path("nextCursor").isTextual()) {
                throw new IllegalStateException("scale: " + path + " has no page " + page + " (HTTP " + a.status() + " at page " + i + ")");
            }
            cursor = a.body().path("nextCursor").asText();
        }
        return cursor == null ? path : path + "?cursor=" + Api.enc(cursor);
    }

    public static String render(BenchConfig config, Prepared prepared, Instant loadStart, Instant loadEnd, RunLog log,
                                Map<String, ProcessStats.Sample> procBefore, Map<String, ProcessStats.Sample> procAfter,
                                String machineBefore, String machineAfter) {
        ScaleData.Shape s = prepared.shape();
        double seconds = Math.max(0.001, Duration.between(loadStart, loadEnd).toMillis() / 1000.0);
        StringBuilder md = new StringBuilder("# Careline scale run: listings over a million messages\n\n");
        md.append("- Run: ").append(loadStart).append(", ").append(Summary.fmt(config.scale().rate())).append(" requests/s for ")
                .append(config.scale().duration().toSeconds()).append(" s, gateway ").append(config.gatewayUrl()).append('\n');
        md.append("- Data set: ").append(s.messages()).append(" messages in ").append(s.threads()).append(" threads (")
                .append(s.messagesPerThread()).append(" per thread), ").append(s.patientThreads() * s.messagesPerThread())
                .append(" of them (").append(s.patientThreads()).append(" threads) for load-test patient ").append(s.patientId())
                .append(" (").append(s.patientTeam()).append("), the rest for ").append(s.otherPatients())
                .append(" synthetic patients across ").append(String.join(", ", s.teams())).append("; ").append(s.openThreads())
                .append(" threads open with an OPEN queue item, the others closed with a COMPLETED one; one triage decision per patient message. ")
                .append(prepared.loaded() == null ? "Already loaded before this run." : "Pre-loaded in " + prepared.loaded().toSeconds() + " s.")
                .append('\n');
        md.append("- Machine before: ").append(machineBefore).append("; after: ").append(machineAfter).append("\n\n");
        md.append("## Latency per listing (target p99 <= ").append(TARGET_P99_MS).append(" ms)\n\n");
        md.append("| Request | Count | p50 ms | p95 ms | p99 ms | max ms | p99 target |\n|---|---|---|---|---|---|---|\n");
        new TreeMap<>(log.latencies()).forEach((type, values) -> {
            Percentiles p = Percentiles.of(values);
            md.append(p.row(type)).append(' ').append(p.count() == 0 ? "-" : p.p99() <= TARGET_P99_MS ? "met" : "**missed**").append(" |\n");
        });
        md.append("\n| Request and status | Count |\n|---|---|\n");
        new TreeMap<>(log.statuses()).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.sum()).append(" |\n"));
        long total = log.statuses().values().stream().mapToLong(a -> a.sum()).sum();
        long errors = log.statuses().entrySet().stream().filter(e -> !e.getKey().matches(".* 2\\d\\d")).mapToLong(e -> e.getValue().sum()).sum();
        md.append("\nThroughput: ").append(Summary.fmt(total / seconds)).append(" completed requests/s. Errors: ").append(errors)
                .append(" of ").append(total).append(".\n\n");
        md.append("## Query plans (EXPLAIN (ANALYZE, BUFFERS) before the load; full plans in `scale-plans.md`)\n\n");
        md.append("| Query | database | scans a big table | execution time |\n|---|---|---|---|\n");
        prepared.plans().forEach(p -> md.append("| ").append(p.name()).append(" | ").append(p.database()).append(" | ")
                .append(p.scans() ? "**yes**" : "no").append(" | ").append(p.executionTime().replace("Execution Time: ", "")).append(" |\n"));
        md.append('\n').append(Summary.processes(config, seconds, procBefore, procAfter));
        md.append("\nGatling's HTML report (latency over time, per request) is under `benchmarks/target/gatling/`.\n");
        return md.toString();
    }

    /** Shares add up to one (checked by the tests). */
    public static double totalShare(List<Request> requests) {
        List<Double> shares = new ArrayList<>();
        requests.forEach(r -> shares.add(r.share()));
        return shares.stream().mapToDouble(Double::doubleValue).sum();
    }
}
