package org.careline.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.service.AuditQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecord, Long> {

    /**
     * One page of records matching the query, newest first ({@code occurredAt}, then store order),
     * after the query's cursor. Returns up to {@code limit + 1} rows so the caller can tell whether
     * another page follows.
     */
    public Uni<List<AuditRecord>> page(AuditQuery query) {
        StringJoiner where = new StringJoiner(" and ");
        Map<String, Object> params = new HashMap<>();
        if (query.patientId() != null) {
            where.add("patientId = :patientId");
            params.put("patientId", query.patientId());
        }
        if (query.userId() != null) {
            where.add("userId = :userId");
            params.put("userId", query.userId());
        }
        if (query.resourceType() != null) {
            where.add("resourceType = :resourceType");
            params.put("resourceType", query.resourceType());
        }
        if (query.resourceId() != null) {
            where.add("resourceId = :resourceId");
            params.put("resourceId", query.resourceId());
        }
        if (query.action() != null) {
            where.add("action = :action");
            params.put("action", query.action());
        }
        if (query.outcome() != null) {
            where.add("outcome = :outcome");
            params.put("outcome", query.outcome());
        }
        if (query.from() != null) {
            where.add("occurredAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("occurredAt < :to");
            params.put("to", query.to());
        }
        if (query.after() != null) {
            where.add("(occurredAt < :afterAt or (occurredAt = :afterAt and id < :afterId))");
            params.put("afterAt", query.after().occurredAt());
            params.put("afterId", query.after().id());
        }
        String order = "order by occurredAt desc, id desc";
        String hql = params.isEmpty() ? order : where + " " + order;
        return find(hql, params).range(0, query.limit()).list();
    }

    /**
     * One page of the successful accesses to a patient's data by anyone but the patient (role {@code patient}),
     * newest first, after {@code after}; up to {@code limit + 1} rows.
     */
    public Uni<List<AuditRecord>> disclosures(String patientId, org.careline.audit.service.PageCursor after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("patientId", patientId);
        params.put("success", org.careline.events.AuditOutcome.SUCCESS);
        params.put("patientRole", "patient");
        String hql = "patientId = :patientId and outcome = :success and (role is null or role <> :patientRole)";
        if (after != null) {
            hql += " and (occurredAt < :afterAt or (occurredAt = :afterAt and id < :afterId))";
            params.put("afterAt", after.occurredAt());
            params.put("afterId", after.id());
        }
        return find(hql + " order by occurredAt desc, id desc", params).range(0, limit).list();
    }
}
