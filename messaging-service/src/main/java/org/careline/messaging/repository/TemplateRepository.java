package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.MessageTemplate;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<MessageTemplate, UUID> {

    /**
     * Templates of these teams (all teams when null) after the cursor position, by name then id.
     */
    public Uni<List<MessageTemplate>> page(Collection<String> teams, String afterName, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (teams != null) {
            query.append(" and careTeam in :teams");
            params.put("teams", teams);
        }
        if (afterName != null) {
            query.append(" and (name > :name or (name = :name and id > :id))");
            params.put("name", afterName);
            params.put("id", afterId);
        }
        return find(query + " order by name, id", params).page(0, limit).list();
    }

    public Uni<Boolean> nameTaken(String careTeam, String name, UUID except) {
        return count("careTeam = ?1 and name = ?2 and id <> ?3", careTeam, name, except).map(n -> n > 0);
    }
}
