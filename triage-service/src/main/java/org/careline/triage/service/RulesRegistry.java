package org.careline.triage.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.triage.RulesVersion;
import org.careline.triage.classify.Classification;
import org.careline.triage.classify.Classifier;
import org.careline.triage.classify.ClinicalRulesClassifier;
import org.careline.triage.classify.InvalidRulesException;
import org.careline.triage.classify.MessageText;
import org.careline.triage.classify.ModelSettings;
import org.careline.triage.classify.RulesWithModelClassifier;
import org.careline.triage.classify.TriageModel;
import org.careline.triage.classify.TriageRules;
import org.careline.triage.classify.VisitRecommendation;
import org.careline.triage.classify.VisitRules;
import org.careline.triage.config.TriageConfig;
import org.careline.triage.repository.RulesVersionRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The active triage rules and the {@link Classifier} built from them. At startup the configured rules
 * resource is loaded (a broken file stops the service), then the newest version published through the
 * admin API, if any, replaces it. Publishing validates, stores and activates a new version; other
 * instances pick it up on their next refresh. On top of the rules, the statistical layer
 * ({@link RulesWithModelClassifier}, shipped weights {@code triage-model-weights.json}) may raise urgency;
 * it reads the active rules' signals. Each decision records the version that made it:
 * {@code <rules version>+<model version>}, or the rules version alone when the model is disabled.
 */
@ApplicationScoped
public class RulesRegistry implements Classifier {

    /**
     * The active rules and where they came from ("configuration" or who published them); {@code decider} is the
     * rules with the model on top (or the rules alone), {@code version} what decisions record.
     */
    public record Active(TriageRules rules, ClinicalRulesClassifier classifier, Classifier decider, String version,
                         String publishedBy, Instant publishedAt, VisitRules visits) {
    }

    static final String MODEL_SETTINGS = "triage-model.json";
    static final String MODEL_WEIGHTS = "triage-model-weights.json";

    private final RulesVersionRepository versions;
    private final TriageConfig config;
    private final Clock clock;
    private final AtomicReference<Active> active = new AtomicReference<>();
    private volatile TriageModel model;

    public RulesRegistry(RulesVersionRepository versions, TriageConfig config, Clock clock) {
        this.versions = versions;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        TriageRules configured = TriageRules.fromClasspath(config.rulesResource());
        ClinicalRulesClassifier rules = new ClinicalRulesClassifier(configured);
        if (config.modelEnabled()) {
            model = TriageModel.fromClasspath(MODEL_WEIGHTS, rules, ModelSettings.fromClasspath(MODEL_SETTINGS));
        }
        active.set(active(configured, rules, "configuration", null));
        VertxContextSupport.subscribeAndAwait(this::refresh);
        Log.infof("triage classifier: %s (%s)", current().version(), current().publishedBy());
    }

    private Active active(TriageRules rules, ClinicalRulesClassifier classifier, String publishedBy, Instant at) {
        if (model == null) {
            return new Active(rules, classifier, classifier, rules.version(), publishedBy, at, new VisitRules(classifier));
        }
        RulesWithModelClassifier both = new RulesWithModelClassifier(classifier, model.readingRules(classifier));
        return new Active(rules, classifier, both, both.version(), publishedBy, at, new VisitRules(classifier));
    }

    @Override
    public Classification classify(MessageText message) {
        return current().decider().classify(message);
    }

    /** The visit the active rules recommend for a message classified as {@code decided}, if any (never EMERGENT). */
    public Optional<VisitRecommendation> recommendVisit(MessageText message, Classification decided) {
        return current().visits().recommend(message, decided);
    }

    public Active current() {
        Active a = active.get();
        if (a == null) {
            throw new IllegalStateException("triage rules not loaded yet");
        }
        return a;
    }

    /** Activates the newest published version if it is not the active one (multi-instance refresh). */
    @Scheduled(every = "${careline.triage.rules-refresh:30s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(versions::newest).invoke(newest -> {
            if (newest != null && !newest.version.equals(current().rules().version())) {
                activate(newest);
            }
        }).replaceWithVoid();
    }

    /**
     * Validates and publishes a rules document, then makes it active. 400 with every problem when invalid,
     * 409 when the version already exists.
     */
    public Uni<RulesVersion> publish(Caller caller, String json) {
        TriageRules rules;
        try {
            rules = TriageRules.parse(json);
        } catch (InvalidRulesException e) {
            throw new ProblemException(400, "invalid-rules", "Invalid Rules", String.join("; ", e.problems()));
        }
        RulesVersion version = new RulesVersion();
        version.version = rules.version();
        version.document = rules.toJson();
        version.publishedBy = caller.userId();
        version.publishedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> versions.findById(version.version).chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Rules version " + version.version + " already exists: "
                                + "publish changes under a new version.");
                    }
                    return versions.persist(version);
                }))
                .invoke(saved -> {
                    activate(saved);
                    Log.infof("triage rules %s published by %s", saved.version, saved.publishedBy);
                });
    }

    public Uni<List<RulesVersion>> history() {
        return Panache.withSession(versions::newestFirst);
    }

    public Uni<RulesVersion> find(String version) {
        return Panache.withSession(() -> versions.findById(version));
    }

    private void activate(RulesVersion version) {
        TriageRules rules = TriageRules.parse(version.document);
        active.set(active(rules, new ClinicalRulesClassifier(rules), version.publishedBy, version.publishedAt));
    }
}
