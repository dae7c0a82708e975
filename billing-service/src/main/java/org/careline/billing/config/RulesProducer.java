package org.careline.billing.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.careline.billing.rules.EpisodeRules;
import org.careline.billing.rules.RulePolicy;

/** The rule engine, built once from the typed configuration. */
public class RulesProducer {

    @Produces
    @ApplicationScoped
    EpisodeRules rules(BillingConfig config) {
        RulesConfig r = config.rules();
        return new EpisodeRules(new RulePolicy(r.zone(), r.windowDays(), r.windowMode(), r.physicianCredentials(),
                r.nonphysicianCredentials(), r.clinicalStaffCredentials(), r.mixedCredentials(), r.minimumMinutes(),
                r.secondBandFrom(), r.thirdBandFrom(), r.physicianCodes(), r.nonphysicianCodes(), r.priorEmDays(),
                r.nextEmDays(), r.unknownStatusEstablished(), r.consentValidity()));
    }
}
