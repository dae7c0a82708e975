package org.careline.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.BreakGlassGrant;
import org.careline.audit.service.GrantCursor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class BreakGlassGrantRepository implements PanacheRepositoryBase<BreakGlassGrant, UUID> {

    /** Grants newest first, optionally only the unreviewed ones, after {@code after}; up to {@code limit + 1}. */
    public Uni<List<BreakGlassGrant>> page(Boolean reviewed, GrantCursor after, int limit) {
        StringBuilder hql = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (reviewed != null) {
            hql.append(reviewed ? " and reviewedAt is not null" : " and reviewedAt is null");
        }
        if (after != null) {
            hql.append(" and (grantedAt < :afterAt or (grantedAt = :afterAt and id > :afterId))");
            params.put("afterAt", after.grantedAt());
            params.put("afterId", after.id());
        }
        hql.append(" order by grantedAt desc, id asc");
        return find(hql.toString(), params).range(0, limit).list();
    }
}
