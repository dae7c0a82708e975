package org.careline.triage.classify;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.careline.triage.config.TriageConfig;

/**
 * Makes the {@link Classifier} bean from the configured rules resource. Loaded at startup so that a
 * broken rules file stops the service instead of sending every message to the dead-letter topic.
 */
public class ClassifierProducer {

    @Produces
    @ApplicationScoped
    @Startup
    Classifier classifier(TriageConfig config) {
        TriageRules rules = TriageRules.fromClasspath(config.rulesResource());
        Log.infof("triage classifier: clinical rules %s (%d flags)", rules.version(), rules.flags().size());
        return new ClinicalRulesClassifier(rules);
    }
}
