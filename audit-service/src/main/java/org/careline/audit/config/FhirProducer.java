package org.careline.audit.config;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The service's one FHIR R4 context (costly to build, thread-safe once built). */
public class FhirProducer {

    @Produces
    @ApplicationScoped
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
