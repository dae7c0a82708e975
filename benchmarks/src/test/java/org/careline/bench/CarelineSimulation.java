package org.careline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.careline.bench.report.KafkaLag;
import org.careline.bench.report.ProcessStats;
import org.careline.bench.report.Summary;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The fixed-rate run: an open workload (constant arrival rate) of 60% new patient threads, 25% timed
 * clinician replies on threads accepted earlier in the run, 15% reads, through the gateway of a running stack
 * whose Keycloak imported the benchmark realm. Tokens are fetched before the load; lags, the ledger, process
 * CPU/RSS and Kafka consumer lag are gathered after it and written to the Markdown summary.
 */
public class CarelineSimulation extends Simulation {

    private static final String PASSWORD = "bench";

    private final BenchConfig config = BenchConfig.fromSystem();
    private final Api api = new Api(config);
    private final BenchUsers users = BenchUsers.read(config.realm(), config.patients(), config.clinicians());
    private final RunLog log = new RunLog();
    private final List<ObjectNode> corpus = corpus();
    private final Map<String, String> tokens = fetchTokens();
    private final Map<String, List<String>> clinicianTokensByTeam = byTeam();
    private final AtomicLong nextPatient = new AtomicLong();
    private final AtomicLong nextBody = new AtomicLong();

    private Instant loadStart;
    private Map<String, ProcessStats.Sample> procBefore;
    private String machineBefore;

    {
        HttpProtocolBuilder protocol = http.baseUrl(config.gatewayUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("careline-benchmark");

        ScenarioBuilder newThreads = scenario("new patient thread")
                .exec(session -> {
                    BenchUsers.Patient p = users.patients().get((int) (nextPatient.getAndIncrement() % users.patients().size()));
                    ObjectNode text = corpus.get((int) (nextBody.getAndIncrement() % corpus.size()));
                    return session.set("auth", "Bearer " + tokens.get(p.username()))
                            .set("patientId", p.patientId())
                            .set("json", text.toString());
                })
                .exec(http("POST /threads").post("/api/v1/threads")
                        .header("Authorization", "#{auth}")
                        .body(StringBody("#{json}"))
                        .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"),
                                status().in(201),
                                jsonPath("$.id").saveAs("threadId"),
                                jsonPath("$.createdAt").saveAs("createdAt"),
                                jsonPath("$.careTeam").saveAs("careTeam")))
                .exec(session -> {
                    record("POST /threads", session);
                    if (session.contains("threadId") && session.contains("createdAt")) {
                        log.posted(new RunLog.Posted(session.getString("threadId"), session.getString("patientId"),
                                session.getString("careTeam"), Instant.parse(session.getString("createdAt"))));
                    }
                    return session;
                });

        ScenarioBuilder replies = scenario("timed clinician reply")
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
                            .set("auth", "Bearer " + pick(clinicianTokensByTeam.get(p.careTeam())))
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

        ScenarioBuilder reads = scenario("reads")
                .exec(session -> {
                    int pick = ThreadLocalRandom.current().nextInt(config.queueReads() ? 3 : 2);
                    List<String> teams = new ArrayList<>(clinicianTokensByTeam.keySet());
                    String team = teams.get(ThreadLocalRandom.current().nextInt(teams.size()));
                    return switch (pick) {
                        case 0 -> {
                            BenchUsers.Patient p = users.patients().get(ThreadLocalRandom.current().nextInt(users.patients().size()));
                            yield session.set("readName", "GET /threads (patient)").set("readPath", "/api/v1/threads")
                                    .set("auth", "Bearer " + tokens.get(p.username()));
                        }
                        case 1 -> session.set("readName", "GET /threads (clinician)").set("readPath", "/api/v1/threads")
                                .set("auth", "Bearer " + pick(clinicianTokensByTeam.get(team)));
                        default -> session.set("readName", "GET /queues (clinician)").set("readPath", "/api/v1/queues")
                                .set("auth", "Bearer " + pick(clinicianTokensByTeam.get(team)));
                    };
                })
                .exec(read());

        double rate = config.rate();
        setUp(
                newThreads.injectOpen(constantUsersPerSec(rate * 0.60).during(config.duration())),
                replies.injectOpen(constantUsersPerSec(rate * 0.25).during(config.duration())),
                reads.injectOpen(constantUsersPerSec(rate * 0.15).during(config.duration())))
                .protocols(protocol);
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

    private void record(String type, Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        long rt = session.contains("rt") ? ((Number) session.get("rt")).longValue() : -1;
        if (rt >= 0) {
            log.request(type, status, rt);
        } else {
            log.unanswered(type, status);
        }
    }

    private static String pick(List<String> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    @Override
    public void before() {
        machineBefore = ProcessStats.machine();
        procBefore = ProcessStats.read(config.careLineHome());
        loadStart = Instant.now();
        System.out.printf("benchmark: %.1f requests/s for %d s against %s (%d patients, %d clinicians, tokens ready)%n",
                config.rate(), config.duration().toSeconds(), config.gatewayUrl(), users.patients().size(), users.clinicians().size());
    }

    @Override
    public void after() {
        Instant loadEnd = Instant.now();
        Map<String, ProcessStats.Sample> procAfter = ProcessStats.read(config.careLineHome());
        String machineAfter = ProcessStats.machine();
        Map<String, Long> lagAtEnd = KafkaLag.read(config.kafkaBootstrap());
        System.out.printf("benchmark: load done; following %d sampled threads through triage, queue, audit and billing...%n",
                Math.min(config.sample(), log.posted().size()));
        Probe.Result probe = new Probe(api, users, config).run(log.posted(), log.replied());
        Map<String, Long> lagAfter = KafkaLag.read(config.kafkaBootstrap());
        String md = Summary.render(new Summary.Inputs(config, loadStart, loadEnd, log, probe, procBefore, procAfter,
                lagAtEnd, lagAfter, machineBefore, machineAfter));
        Summary.write(config.summary(), md);
        System.out.println(md);
        System.out.println("benchmark: summary written to " + config.summary());
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

    /** Every user's token, fetched before the load (4 at a time: Keycloak hashes each password). */
    private Map<String, String> fetchTokens() {
        List<String> names = new ArrayList<>();
        users.patients().forEach(p -> names.add(p.username()));
        users.clinicians().forEach(c -> names.add(c.username()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<String>> futures = new HashMap<>();
            names.forEach(n -> futures.put(n, pool.submit(() -> api.token(n, PASSWORD))));
            Map<String, String> out = new ConcurrentHashMap<>();
            for (var e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("could not fetch the load-test users' tokens", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, List<String>> byTeam() {
        Map<String, List<String>> out = new HashMap<>();
        users.clinicians().forEach(c -> out.computeIfAbsent(c.careTeam(), t -> new ArrayList<>()).add(tokens.get(c.username())));
        users.patients().stream().map(BenchUsers.Patient::careTeam).distinct().filter(team -> !out.containsKey(team)).findAny()
                .ifPresent(team -> {
                    throw new IllegalStateException("no benchmark clinician in care team " + team);
                });
        return out;
    }
}
