package org.careline.triage.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.triage.RulesVersion;

import java.util.List;

@ApplicationScoped
public class RulesVersionRepository implements PanacheRepositoryBase<RulesVersion, String> {

    /** The newest published version, or null when none was published (the configured rules apply). */
    public Uni<RulesVersion> newest() {
        return findAll(Sort.descending("publishedAt")).firstResult();
    }

    public Uni<List<RulesVersion>> newestFirst() {
        return findAll(Sort.descending("publishedAt")).list();
    }
}
