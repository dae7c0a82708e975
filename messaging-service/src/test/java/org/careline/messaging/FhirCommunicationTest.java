package org.careline.messaging;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestOidcResource;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.careline.messaging.Actors.DR_LEE;
import static org.careline.messaging.Actors.openThread;
import static org.careline.messaging.Actors.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FHIR R4 Communication search returns a bundle the HAPI FHIR validator accepts. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class FhirCommunicationTest {

    private static final FhirContext FHIR = FhirContext.forR4();

    @Test
    void aPatientsThreadsAreAValidSearchsetOfHeadersAndMessagesLinkedByPartOf() {
        String patient = Actors.patient("patient-fhir-1", "P-F1", "family-medicine");
        String threadId = openThread(patient, """
                {"subject":"Inhaler refill","body":"Could you refill my albuterol inhaler?","topic":"MEDICATION"}""");
        reply(DR_LEE, threadId, "{\"body\":\"Sent to your pharmacy.\",\"timeSpentMinutes\":6}").then().statusCode(201);

        Response response = given().auth().oauth2(patient).queryParam("subject", "Patient/P-F1")
                .get("/api/v1/fhir/Communication");
        response.then().statusCode(200).contentType("application/fhir+json");

        String json = response.asString();
        ValidationResult result = validator().validateWithResult(json);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
        assertTrue(errors.isEmpty(), () -> "invalid FHIR: " + errors.stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList());

        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
        assertEquals(Bundle.BundleType.SEARCHSET, bundle.getType());
        assertEquals(3, bundle.getEntry().size(), "a header and two messages");
        Communication header = (Communication) bundle.getEntry().get(0).getResource();
        assertEquals(threadId, header.getIdElement().getIdPart());
        assertEquals("Patient/P-F1", header.getSubject().getReference());
        assertEquals("Inhaler refill", header.getTopic().getText());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry().subList(1, 3)) {
            Communication message = (Communication) entry.getResource();
            assertEquals("Communication/" + threadId, message.getPartOfFirstRep().getReference());
        }
        Communication first = (Communication) bundle.getEntry().get(1).getResource();
        Communication second = (Communication) bundle.getEntry().get(2).getResource();
        assertEquals("Could you refill my albuterol inhaler?", first.getPayloadFirstRep().getContentStringType().getValue());
        assertEquals("Communication/" + first.getIdElement().getIdPart(),
                second.getInResponseToFirstRep().getReference());
        assertEquals("Practitioner", second.getSender().getType());
    }

    @Test
    void theValidatorCatchesABrokenBundle() {
        String patient = Actors.patient("patient-fhir-3", "P-F3", "family-medicine");
        openThread(patient, Actors.NEW_THREAD);
        String json = given().auth().oauth2(patient).queryParam("subject", "Patient/P-F3")
                .get("/api/v1/fhir/Communication").then().statusCode(200).extract().asString();
        // a Communication without its required status, and an unknown status code
        String broken = json.replaceFirst("\"status\":\"in-progress\",", "")
                .replaceFirst("\"status\":\"completed\"", "\"status\":\"sent-maybe\"");

        long errors = validator().validateWithResult(broken).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).count();
        assertTrue(errors >= 2, "the validator must flag a missing and an invalid status");
    }

    @Test
    void anotherPatientGetsNoBundle() {
        String patient = Actors.patient("patient-fhir-2", "P-F2", "family-medicine");
        given().auth().oauth2(patient).queryParam("subject", "Patient/P-F1").get("/api/v1/fhir/Communication")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P-1001", "Patient/", "Practitioner/dr.lee", "Patient/a b", "Patient/P_1001"})
    void aBadSubjectIs400(String subject) {
        given().auth().oauth2(Actors.PATIENT1).queryParam("subject", subject).get("/api/v1/fhir/Communication")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aMissingSubjectIs400() {
        given().auth().oauth2(Actors.PATIENT1).get("/api/v1/fhir/Communication")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static FhirValidator validator() {
        ValidationSupportChain chain = new ValidationSupportChain(
                FHIR.getValidationSupport(),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        return validator;
    }
}
