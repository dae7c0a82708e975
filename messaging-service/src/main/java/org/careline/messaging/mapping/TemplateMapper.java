package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.MessageTemplate;
import org.careline.messaging.rest.TemplatePageResponse;
import org.careline.messaging.rest.TemplateRequest;
import org.careline.messaging.rest.TemplateResponse;
import org.careline.messaging.service.TemplateCommand;
import org.careline.messaging.service.TemplatePage;

/** Maps templates between the API's records and the service's types. */
@ApplicationScoped
public class TemplateMapper {

    public TemplateCommand toCommand(TemplateRequest request) {
        return new TemplateCommand(request.careTeam(), request.name().strip(), request.body());
    }

    public TemplateResponse toResponse(MessageTemplate t) {
        return new TemplateResponse(t.id.toString(), t.careTeam, t.name, t.body, t.createdBy, t.createdAt, t.updatedAt);
    }

    public TemplatePageResponse toResponse(TemplatePage page) {
        return new TemplatePageResponse(page.templates().stream().map(this::toResponse).toList(), page.nextCursor());
    }
}
