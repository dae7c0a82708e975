package org.careline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.careline.bench.ledger.Ledger;
import org.careline.bench.ledger.StackDatabases;
import org.careline.bench.ramp.RampSteps;
import org.careline.bench.report.LagSeries;
import org.careline.bench.report.LagTable;
import org.careline.bench.report.LagTrend;
import org.careline.bench.report.ProcessStats;
import org.careline.bench.report.Summary;
import org.careline.bench.scale.ListingPlans;
import org.careline.bench.scale.ScaleData;
import org.careline.bench.scale.ScaleSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The benchmark, in one of three modes ({@code -Dbench.mode}):
 * <ul>
 *   <li>{@code fixed}: an open workload (constant arrival rate) of 60% new patient threads, 25% timed clinician
 *   replies on threads accepted earlier in the run, 15% reads;</li>
 *   <li>{@code ramp}: the same mix with the arrival rate raised step by step until a step's p99 post-to-queued or
 *   error share passes its limit (judged from triage's database while the run goes on); reports the knee;</li>
 *   <li>{@code scale}: pre-loads a million messages into messaging's and triage's databases, explains the listing
 *   queries, then reads thread lists and queues at a fixed rate.</li>
 * </ul>
 * Tokens are fetched before the load; consumer lag is sampled every second during it; the ledger and the lags
 * come from the services' databases after it.
 */
public class CarelineSimulation extends Simulation {

    private static final String PASSWORD = "bench";
    private static final String POST_THREAD = "POST /threads";

    private final BenchConfig config = BenchConfig.fromSystem();
    private final Api api = new Api(config);
    private final StackDatabases dbs = new StackDatabases(config.jdbcBase());
    private final BenchUsers realmUsers = BenchUsers.read(config.realm(), Integer.MAX_VALUE, Integer.MAX_VALUE);
    private final BenchUsers users = config.mode() == BenchConfig.Mode.SCALE ? scaleUsers()
            : BenchUsers.read(config.realm(), config.patients(), config.clinicians());
    private final RunLog log = new RunLog();
    private final List<ObjectNode> corpus = config.mode() == BenchConfig.Mode.SCALE ? List.of() : corpus();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<String>> cliniciansByTeam = byTeam();
    private final AtomicLong nextPatient = new AtomicLong();
    private final AtomicLong nextBody = new AtomicLong();
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "bench-monitor");
        t.setDaemon(true);
        return t;
    });

    private volatile boolean stopRequested;
    private volatile String stopReason;
    private volatile int judgedSteps = -1;
    private Instant loadStart;
    private Map<String, ProcessStats.Sample> procBefore;
    private String machineBefore;
    private LagSeries lagSeries;
    private ScaleSummary.Prepared scale;

    {
        if (config.mode() == BenchConfig.Mode.SCALE) {
            scale = prepareScale();
        } else {
            fetchTokens();
        }
        HttpProtocolBuilder protocol = http.baseUrl(config.gatewayUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("careline-benchmark");
        List<PopulationBuilder> populations = switch (config.mode()) {
            case FIXED -> List.of(
                    newThreads().injectOpen(constantUsersPerSec(config.rate() * 0.60).during(config.duration())),
                    replies().injectOpen(constantUsersPerSec(config.rate() * 0.25).during(config.duration())),
                    reads().injectOpen(constantUsersPerSec(config.rate() * 0.15).during(config.duration())));
            case RAMP -> List.of(
                    newThreads().injectOpen(rampSteps(0.60)),
                    replies().injectOpen(rampSteps(0.25)),
                    reads().injectOpen(rampSteps(0.15)));
            case SCALE -> List.of(scaleReads().injectOpen(
                    constantUsersPerSec(config.scale().rate()).during(config.scale().duration())));
        };
        setUp(populations).protocols(protocol);
    }

    // ------------------------------------------------------------------ scenarios

    /** Arrival time first (the ramp assigns requests to steps by it); in ramp mode, stop once a step failed. */
    private ChainBuilder arrive() {
        return exec(session -> session.set("arrivedAt", System.currentTimeMillis()))
                .exec(stopLoadGeneratorIf(session -> "ramp: " + stopReason, session -> stopRequested));
    }

    private ScenarioBuilder newThreads() {
        return scenario("new patient thread")
                .exec(arrive())
                .exec(session -> {
                    BenchUsers.Patient p = users.patients().get((int) (nextPatient.getAndIncrement() % users.patients().size()));
                    ObjectNode text = corpus.get((int) (nextBody.getAndIncrement() % corpus.size()));
                    return session.set("auth", "Bearer " + tokens.get(p.username()))
                            .set("patientId", p.patientId())
                            .set("json", text.toString());
                })
                .exec(http(POST_THREAD).post("/api/v1/threads")
                        .header("Authorization", "#{auth}")
                        .body(StringBody("#{json}"))
                        .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"),
                                status().in(201),
                                jsonPath("$.id").saveAs("threadId"),
                                jsonPath("$.createdAt").saveAs("createdAt"),
                                jsonPath("$.careTeam").saveAs("careTeam")))
                .exec(session -> {
                    record(POST_THREAD, session);
                    if (session.contains("threadId") && session.contains("createdAt")) {
                        log.posted(new RunLog.Posted(session.getString("threadId"), session.getString("patientId"),
                                session.getString("careTeam"), Instant.parse(session.getString("createdAt"))));
                    }
                    return session;
                });
    }

    private ScenarioBuilder replies() {
        return scenario("timed clinician reply")
                .exec(arrive())
                .exec(session -> {
                    RunLog.Posted p = log.takeForReply();
                    if (p == null) {
                        return session.set("skip", true);
                    }
                    int minutes = ThreadLocalRandom.current().nextInt(5, 16);
                    ObjectNode body = Api.JSON.createObjectNode()
                            .put("body", "Thanks for your message. I reviewed it; please follow the plan we discussed and write back if anything changes.")
                            .put("timeSpentMinutes", minutes)
                            .put("clinicalAssessment", true);
                    return session.set("skip", false).set("threadId", p.threadId()).set("patientId", p.patientId())
                            .set("careTeam", p.careTeam()).set("minutes", minutes)
                            .set("auth", "Bearer " + tokens.get(pick(cliniciansByTeam.get(p.careTeam()))))
                            .set("json", body.toString());
                })
                .doIf(session -> !session.getBoolean("skip")).then(exec(
                        http("POST /threads/{id}/messages").post("/api/v1/threads/#{threadId}/messages")
                                .header("Authorization", "#{auth}")
                                .body(StringBody("#{json}"))
                                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"),
                                        status().in(200, 201),
                                        jsonPath("$.updatedAt").saveAs("updatedAt")))
                        .exec(session -> {
                            record("POST /threads/{id}/messages", session);
                            if (session.contains("updatedAt")) {
                                log.replied(new RunLog.Replied(session.getString("threadId"), session.getString("patientId"),
                                        session.getString("careTeam"), Instant.parse(session.getString("updatedAt")),
                                        session.getInt("minutes")));
                            }
                            return session;
                        }));
    }

    private ScenarioBuilder reads() {
        List<String> teams = new ArrayList<>(cliniciansByTeam.keySet());
        return scenario("reads")
                .exec(arrive())
                .exec(session -> {
                    int pick = ThreadLocalRandom.current().nextInt(config.queueReads() ? 3 : 2);
                    String team = teams.get(ThreadLocalRandom.current().nextInt(teams.size()));
                    return switch (pick) {
                        case 0 -> {
                            BenchUsers.Patient p = users.patients().get(ThreadLocalRandom.current().nextInt(users.patients().size()));
                            yield session.set("readName", "GET /threads (patient)").set("readPath", "/api/v1/threads")
                                    .set("auth", "Bearer " + tokens.get(p.username()));
                        }
                        case 1 -> session.set("readName", "GET /threads (clinician)").set("readPath", "/api/v1/threads")
                                .set("auth", "Bearer " + tokens.get(pick(cliniciansByTeam.get(team))));
                        default -> session.set("readName", "GET /queues (clinician)").set("readPath", "/api/v1/queues")
                                .set("auth", "Bearer " + tokens.get(pick(cliniciansByTeam.get(team))));
                    };
                })
                .exec(read());
    }

    /** Scale run: each arrival is one listing request, drawn by {@link ScaleSummary#pick}. */
    private ScenarioBuilder scaleReads() {
        return scenario("scale listings")
                .exec(arrive())
                .exec(session -> {
                    ScaleSummary.Request r = ScaleSummary.pick(scale, ThreadLocalRandom.current().nextDouble());
                    String user = r.asPatient() ? scale.patientUser() : pick(scale.clinicians());
                    return session.set("readName", r.name()).set("readPath", r.path())
                            .set("auth", "Bearer " + tokens.get(user));
                })
                .exec(read());
    }

    private ChainBuilder read() {
        return exec(http("#{readName}").get("#{readPath}")
                .header("Authorization", "#{auth}")
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().is(200)))
                .exec(session -> {
                    record(session.getString("readName"), session);
                    return session;
                });
    }

    private List<OpenInjectionStep> rampSteps(double share) {
        BenchConfig.Ramp ramp = config.ramp();
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (int k = 0; k < ramp.steps(); k++) {
            steps.add(constantUsersPerSec(ramp.rateOf(k) * share).during(ramp.stepDuration()));
        }
        return steps;
    }

    private void record(String type, Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        long rt = session.contains("rt") ? ((Number) session.get("rt")).longValue() : -1;
        long arrivedAt = session.contains("arrivedAt") ? ((Number) session.get("arrivedAt")).longValue() : System.currentTimeMillis();
        if (rt >= 0) {
            log.request(type, status, rt, arrivedAt);
        } else {
            log.unanswered(type, status, arrivedAt);
        }
    }

    private static String pick(List<String> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    // ------------------------------------------------------------------ before and after the load

    @Override
    public void before() {
        machineBefore = ProcessStats.machine();
        procBefore = ProcessStats.read(config.careLineHome());
        loadStart = Instant.now();
        lagSeries = LagSeries.start(config.kafkaBootstrap(), loadStart);
        if (plannedSeconds() > 200) {
            // access tokens live 300 s: refresh them all well before
            background.scheduleWithFixedDelay(this::fetchTokensQuietly, 200, 200, TimeUnit.SECONDS);
        }
        if (config.mode() == BenchConfig.Mode.RAMP) {
            background.scheduleWithFixedDelay(this::judgeRampQuietly, 1, 1, TimeUnit.SECONDS);
            System.out.printf("benchmark (ramp): %s requests/s, +%s every %d s, up to %s requests/s; a step passes with p99 "
                            + "post-to-queued <= %d ms and errors <= %s%%%n", Summary.fmt(config.ramp().start()),
                    Summary.fmt(config.ramp().step()), config.ramp().stepDuration().toSeconds(), Summary.fmt(config.ramp().max()),
                    config.ramp().p99Limit().toMillis(), Summary.fmt(config.ramp().errorLimit() * 100));
        } else {
            System.out.printf("benchmark (%s): %.1f requests/s for %d s against %s (%d patients, %d clinicians, tokens ready)%n",
                    config.mode().name().toLowerCase(java.util.Locale.ROOT),
                    config.mode() == BenchConfig.Mode.SCALE ? config.scale().rate() : config.rate(),
                    plannedSeconds(), config.gatewayUrl(), users.patients().size(), users.clinicians().size());
        }
    }

    @Override
    public void after() {
        Instant loadEnd = Instant.now();
        background.shutdownNow();
        Map<String, ProcessStats.Sample> procAfter = ProcessStats.read(config.careLineHome());
        String machineAfter = ProcessStats.machine();
        if (config.mode() == BenchConfig.Mode.SCALE) {
            lagSeries.close();
            String md = ScaleSummary.render(config, scale, loadStart, loadEnd, log, procBefore, procAfter, machineBefore, machineAfter);
            Summary.write(config.output("benchmark-scale.md"), md);
            System.out.println(md);
            System.out.println("benchmark: summary written to " + config.output("benchmark-scale.md"));
            return;
        }
        System.out.printf("benchmark: load done; waiting (at most %d s) until every accepted thread is triaged, queued and audited "
                + "and every timed reply is in billing...%n", config.lagDeadline().toSeconds());
        List<String> threadIds = log.posted().stream().map(RunLog.Posted::threadId).toList();
        List<String> repliedIds = log.replied().stream().map(RunLog.Replied::threadId).toList();
        Instant deadline = loadEnd.plus(config.lagDeadline());
        Ledger ledger = null;
        String ledgerError = null;
        while (true) {
            try {
                ledger = Ledger.of(threadIds, repliedIds, dbs.facts(threadIds, repliedIds, "BP-",
                        loadStart.minusSeconds(1), loadEnd.plusSeconds(30)));
            } catch (IllegalStateException e) {
                ledgerError = e.getMessage();
            }
            if ((ledger != null && ledger.complete()) || Instant.now().isAfter(deadline)) {
                break;
            }
            sleep(Duration.ofSeconds(2));
        }
        Instant drained = Instant.now();
        lagSeries.close();
        Map<String, List<LagTrend.Sample>> lag = lagSeries.samples();
        LagSeries.writeCsv(config.output("consumer-lag.csv"), lag);
        double loadSeconds = Duration.between(loadStart, loadEnd).toMillis() / 1000.0;
        List<LagTrend> trends = LagTable.trends(lag, loadSeconds, config.lagGrowthShare());
        List<RampSteps.Step> steps = null;
        if (config.mode() == BenchConfig.Mode.RAMP) {
            Map<String, Instant> queued = new HashMap<>();
            try {
                queued = dbs.firstQueued(threadIds);
            } catch (IllegalStateException e) {
                ledgerError = e.getMessage();
            }
            int last = (int) Math.min(config.ramp().steps() - 1,
                    Duration.between(loadStart, loadEnd).toMillis() / config.ramp().stepDuration().toMillis());
            steps = RampSteps.judge(config.ramp(), loadStart, drained, last, log.timeline(), log.posted(), queued);
        }
        String md = Summary.render(new Summary.Inputs(config, loadStart, loadEnd, drained, log, ledger, ledgerError,
                procBefore, procAfter, lag, trends, steps, stopReason, machineBefore, machineAfter));
        String file = config.mode() == BenchConfig.Mode.RAMP ? "benchmark-ramp.md" : "benchmark-summary.md";
        Summary.write(config.output(file), md);
        System.out.println(md);
        System.out.println("benchmark: summary written to " + config.output(file) + ", lag series to " + config.output("consumer-lag.csv"));
    }

    /** Judges the next ramp step once its last thread had the p99 limit plus a second to be queued. */
    private void judgeRampQuietly() {
        try {
            BenchConfig.Ramp ramp = config.ramp();
            int next = judgedSteps + 1;
            if (next >= ramp.steps() || stopRequested) {
                return;
            }
            Instant due = loadStart.plus(ramp.stepDuration().multipliedBy(next + 1)).plus(ramp.p99Limit()).plusSeconds(1);
            Instant now = Instant.now();
            if (now.isBefore(due)) {
                return;
            }
            long from = loadStart.plus(ramp.stepDuration().multipliedBy(next)).toEpochMilli();
            long to = from + ramp.stepDuration().toMillis();
            List<RunLog.Posted> inStep = log.posted().stream()
                    .filter(p -> p.createdAt().toEpochMilli() >= from && p.createdAt().toEpochMilli() < to).toList();
            Map<String, Instant> queued = dbs.firstQueued(inStep.stream().map(RunLog.Posted::threadId).toList());
            List<RampSteps.Step> steps = RampSteps.judge(ramp, loadStart, now, next, log.timeline(), inStep, queued);
            RampSteps.Step s = steps.get(next);
            judgedSteps = next;
            System.out.printf("benchmark (ramp): step %d at %s/s: %.1f completed/s, errors %d of %d, post->queued p50 %d / p99 %d ms"
                            + " (%d threads, %d not queued yet), POST p99 %d ms: %s%n", next + 1, Summary.fmt(s.targetRate()),
                    s.completedPerSecond(), s.errors(), s.requests(), s.postToQueued().p50(), s.postToQueued().p99(), s.threads(),
                    s.unqueued(), s.post().p99(), s.passed() ? "pass" : "FAIL");
            if (!s.passed()) {
                stopReason = "step " + (next + 1) + " (" + Summary.fmt(s.targetRate()) + " requests/s) did not pass";
                stopRequested = true;
            }
        } catch (RuntimeException e) {
            System.out.println("benchmark (ramp): could not judge a step yet: " + e.getMessage());
        }
    }

    private long plannedSeconds() {
        return switch (config.mode()) {
            case FIXED -> config.duration().toSeconds();
            case RAMP -> config.ramp().stepDuration().toSeconds() * config.ramp().steps();
            case SCALE -> config.scale().duration().toSeconds();
        };
    }

    // ------------------------------------------------------------------ set-up

    /** The scale run's big patient (the realm's last load-test patient, never used by the other modes) and its team's clinicians. */
    private BenchUsers scaleUsers() {
        BenchUsers.Patient big = realmUsers.patients().get(realmUsers.patients().size() - 1);
        List<BenchUsers.Clinician> team = realmUsers.clinicians().stream().filter(c -> c.careTeam().equals(big.careTeam())).toList();
        return new BenchUsers(List.of(big), team, realmUsers.auditor(), realmUsers.biller());
    }

    private ScaleSummary.Prepared prepareScale() {
        BenchUsers.Patient big = users.patients().get(0);
        List<String> teams = realmUsers.clinicians().stream().map(BenchUsers.Clinician::careTeam).distinct().toList();
        String clinician = users.clinicians().get(0).username();
        ScaleData.Shape shape = ScaleData.Shape.of(config.scale(), big.patientId(), big.username(), big.careTeam(), teams, clinician);
        try {
            ScaleData data = new ScaleData(dbs);
            Duration loaded = null;
            if (data.present(shape)) {
                System.out.println("scale: the data set is already loaded (" + shape.messages() + " messages)");
            } else {
                System.out.printf("scale: loading %d messages in %d threads (%d messages for %s) into messaging and triage...%n",
                        shape.messages(), shape.threads(), shape.patientThreads() * shape.messagesPerThread(), big.patientId());
                loaded = data.load(shape);
                System.out.println("scale: loaded in " + loaded.toSeconds() + " s");
            }
            data.settle();
            List<ListingPlans.Plan> plans = new ListingPlans(dbs).explain(shape, clinician, ScaleSummary.QUEUE,
                    config.scale().deepPage(), ScaleSummary.THREAD_PAGE, ScaleSummary.ITEM_PAGE);
            String md = "# Listing query plans (scale data set)\n\n" + ListingPlans.markdown(plans);
            Summary.write(config.output("scale-plans.md"), md);
            System.out.println("scale: query plans written to " + config.output("scale-plans.md"));
            fetchTokens();
            return ScaleSummary.prepare(api, shape, tokens.get(big.username()),
                    tokens.get(clinician), users.clinicians().stream().map(BenchUsers.Clinician::username).toList(),
                    config.scale().deepPage(), loaded, plans);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("scale pre-load failed: " + e.getMessage(), e);
        }
    }

    private List<ObjectNode> corpus() {
        List<ObjectNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(config.corpus())) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Api.JSON.readTree(line);
                String subject = row.path("subject").asText("").isBlank() ? "Question for my care team" : row.path("subject").asText();
                out.add(Api.JSON.createObjectNode()
                        .put("subject", subject.length() > 200 ? subject.substring(0, 200) : subject)
                        .put("body", row.path("body").asText())
                        .put("topic", Corpus.topicFor(row.path("category").asText())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the message corpus " + config.corpus(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("empty message corpus " + config.corpus());
        }
        return out;
    }

    private void fetchTokensQuietly() {
        try {
            fetchTokens();
        } catch (RuntimeException e) {
            System.out.println("benchmark: token refresh failed: " + e.getMessage());
        }
    }

    /** Every user's token (4 at a time: Keycloak hashes each password); replaces the previous ones. */
    private void fetchTokens() {
        List<String> names = new ArrayList<>();
        users.patients().forEach(p -> names.add(p.username()));
        users.clinicians().forEach(c -> names.add(c.username()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<String>> futures = new HashMap<>();
            names.forEach(n -> futures.put(n, pool.submit(() -> api.token(n, PASSWORD))));
            for (var e : futures.entrySet()) {
                tokens.put(e.getKey(), e.getValue().get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not fetch the load-test users' tokens", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, List<String>> byTeam() {
        Map<String, List<String>> out = new HashMap<>();
        users.clinicians().forEach(c -> out.computeIfAbsent(c.careTeam(), t -> new ArrayList<>()).add(c.username()));
        users.patients().stream().map(BenchUsers.Patient::careTeam).distinct().filter(team -> !out.containsKey(team)).findAny()
                .ifPresent(team -> {
                    throw new IllegalStateException("no benchmark clinician in care team " + team);
                });
        return out;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
