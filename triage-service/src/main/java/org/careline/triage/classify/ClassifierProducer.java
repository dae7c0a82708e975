package org.careline.triage.classify;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.careline.triage.config.TriageConfig;

/**
 * Makes the {@link Classifier} bean. Loaded at startup so that a broken rules file stops the service
 * instead of sending every message to the dead-letter topic. Replace this producer to swap classifiers.
 */
public class ClassifierProducer {

    @Produces
    @ApplicationScoped
    @Startup
    Classifier classifier(TriageConfig config) {
        TriageRules rules = TriageRules.fromClasspath(config.rulesResource());
        Log.infof("triage classifier: rule-based, rules %s (%d red flags)", rules.version(), rules.redFlags().size());
        return new RuleBasedClassifier(rules);
    }
}
