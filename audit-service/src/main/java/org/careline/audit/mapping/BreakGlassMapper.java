package org.careline.audit.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.BreakGlassGrant;
import org.careline.audit.rest.BreakGlassGrantResponse;
import org.careline.audit.rest.Page;
import org.careline.audit.service.BreakGlassService;

@ApplicationScoped
public class BreakGlassMapper {

    public BreakGlassGrantResponse toResponse(BreakGlassGrant g) {
        return new BreakGlassGrantResponse(g.id.toString(), g.userId, g.username, g.patientId, g.reason, g.grantedAt,
                g.expiresAt, g.reviewedAt, g.reviewedBy, g.reviewOutcome);
    }

    public Page<BreakGlassGrantResponse> toResponse(BreakGlassService.GrantPage page) {
        return new Page<>(page.grants().stream().map(this::toResponse).toList(),
                page.next() != null ? page.next().encode() : null);
    }
}
