package org.careline.billing.config;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** One FHIR R4 context per service: it is expensive to build and thread-safe. */
public class FhirProducer {

    @Produces
    @ApplicationScoped
    FhirContext fhir() {
        return FhirContext.forR4();
    }
}
