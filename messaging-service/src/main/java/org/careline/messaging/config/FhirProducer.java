package org.careline.messaging.config;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** The service's one FHIR R4 context: costly to build, thread-safe once built. */
public class FhirProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
