package org.careline.triage.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.careline.platform.security.Roles;
import org.careline.triage.classify.Classification;
import org.careline.triage.classify.Classifier;
import org.careline.triage.classify.MessageText;
import org.careline.triage.service.RulesRegistry;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Classifies a message for the frontend's preview and for evaluation, with no side effects. */
@Path("/api/v1/triage/classify")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Triage")
@SecurityRequirement(name = "SecurityScheme")
public class ClassifyResource {

    private final Classifier classifier;
    private final RulesRegistry rules;

    public ClassifyResource(Classifier classifier, RulesRegistry rules) {
        this.classifier = classifier;
        this.rules = rules;
    }

    @POST
    @RolesAllowed({Roles.CLINICIAN, Roles.STAFF})
    @Operation(summary = "Classify a message without side effects",
            description = "Runs the active rules on a subject, body and optional topic, and the visit rules on the "
                    + "result (visitRecommendation: what triage would recommend; null when none fires, always null for "
                    + "EMERGENT). Nothing is stored, logged, "
                    + "audited or announced: the text identifies no patient and is dropped after the answer.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "critical medication", value = "{\"subject\":\"refill\",\"body\":\"out of my lantus since last "
            + "night, the pharmacy needs a new rx\",\"topic\":\"MEDICATION\"}")))
    @APIResponse(responseCode = "200", description = "The decision, with the visit a visit rule would recommend",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "critical medication",
            value = "{\"urgency\":\"URGENT\",\"category\":\"MEDICATION\",\"confidence\":0.85,\"explanation\":"
                    + "\"URGENT by flag critical-medication-gap [\\\"@critical-med\\\" + \\\"out of\\\"] -> category "
                    + "MEDICATION\",\"rulesVersion\":\"careline-triage-rules-4.4+careline-triage-model-2.5\","
                    + "\"visitRecommendation\":null}"),
            @ExampleObject(name = "rash to be looked at",
            value = "{\"urgency\":\"ROUTINE\",\"category\":\"CLINICAL\",\"confidence\":0.62,\"explanation\":"
                    + "\"ROUTINE: no flag fired; category CLINICAL 1.50 [rash]\",\"rulesVersion\":"
                    + "\"careline-triage-rules-4.4+careline-triage-model-2.5\",\"visitRecommendation\":{\"ruleId\":"
                    + "\"rash-or-wound-needs-a-look\",\"visitType\":\"IN_PERSON\",\"reason\":\"NEEDS_EXAMINATION\"}}")}))
    @APIResponse(responseCode = "400", description = "No body, a body over 20000 characters or an unknown topic",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "no body",
            value = "{\"type\":\"https://careline.dev/problems/validation\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"body: must not be blank\"}")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller is not a clinician or staff member")
    public ClassificationResponse classify(@Valid @NotNull ClassifyRequest request) {
        MessageText text = new MessageText(request.subject(), request.body(), request.topic());
        Classification c = classifier.classify(text);
        VisitRecommendationResponse visit = rules.recommendVisit(text, c)
                .map(v -> new VisitRecommendationResponse(v.ruleId(), v.visitType(), v.reason())).orElse(null);
        return new ClassificationResponse(c.urgency(), c.category(), c.confidence(), c.explanation(), c.rulesVersion(),
                visit);
    }
}
