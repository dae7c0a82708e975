package org.careline.audit.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    private static final String INSERT = """
            insert into audit_record (event_id, event_source, event_type, source_service, user_id, username, role,
                client_id, source_address, action, resource_type, resource_id, patient_id, purpose_of_use, outcome,
                request_id, occurred_at, received_at, kafka_topic, kafka_partition, kafka_offset, raw_event)
            values (:eventId, :eventSource, :eventType, :sourceService, :userId, :username, :role,
                :clientId, :sourceAddress, :action, :resourceType, :resourceId, :patientId, :purposeOfUse, :outcome,
                :requestId, :occurredAt, :receivedAt, :kafkaTopic, :kafkaPartition, :kafkaOffset, :rawEvent)
            on conflict (event_id) do nothing""";

    /**
     * Appends a record unless one with the same event id is stored already. Must run in a transaction.
     *
     * @return true when it was stored, false for a redelivered event
     */
    public Uni<Boolean> insertOnce(AuditRecord r) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", r.eventId)
                        .setParameter("eventSource", r.eventSource)
                        .setParameter("eventType", r.eventType)
                        .setParameter("sourceService", r.sourceService)
                        .setParameter("userId", r.userId)
                        .setParameter("username", r.username)
                        .setParameter("role", r.role)
                        .setParameter("clientId", r.clientId)
                        .setParameter("sourceAddress", r.sourceAddress)
                        .setParameter("action", r.action.name())
                        .setParameter("resourceType", r.resourceType)
                        .setParameter("resourceId", r.resourceId)
                        .setParameter("patientId", r.patientId)
                        .setParameter("purposeOfUse", r.purposeOfUse)
                        .setParameter("outcome", r.outcome.name())
                        .setParameter("requestId", r.requestId)
                        .setParameter("occurredAt", r.occurredAt)
                        .setParameter("receivedAt", r.receivedAt)
                        .setParameter("kafkaTopic", r.kafkaTopic)
                        .setParameter("kafkaPartition", r.kafkaPartition)
                        .setParameter("kafkaOffset", r.kafkaOffset)
                        .setParameter("rawEvent", r.rawEvent)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

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
}
