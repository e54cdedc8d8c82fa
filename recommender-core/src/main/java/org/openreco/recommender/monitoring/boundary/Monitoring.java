package org.openreco.recommender.monitoring.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Live figures for the dashboard: counts, and the model each catalogue serves. */
@Stateless
public class Monitoring {

    @PersistenceContext
    EntityManager em;

    public Counts counts() {
        Object[] row = (Object[]) em.createNativeQuery("""
                select (select count(*) from catalogue),
                       (select count(*) from item),
                       (select count(*) from app_user),
                       (select count(*) from interaction),
                       (select count(*) from embedding_queue where not parked),
                       (select count(*) from embedding_queue where parked),
                       (select coalesce(extract(epoch from now() - min(enqueued_at))::bigint, 0)
                          from embedding_queue where not parked)""").getSingleResult();
        return new Counts(asLong(row[0]), asLong(row[1]), asLong(row[2]), asLong(row[3]), asLong(row[4]),
                asLong(row[5]), asLong(row[6]));
    }

    /** Each catalogue's active model, by catalogue name. */
    @SuppressWarnings("unchecked")
    public List<ActiveModel> activeModels() {
        List<Object[]> rows = em.createNativeQuery("""
                select c.name, m.id, m.finished_at, m.activated_at,
                       (m.metrics ->> 'ndcg@10')::float8, (m.metrics ->> 'recall@10')::float8
                  from model_version m join catalogue c on c.id = m.catalogue_id
                 where m.status = 'active'
                 order by c.name""").getResultList();
        return rows.stream().map(row -> new ActiveModel((String) row[0], asLong(row[1]), instant(row[2]), instant(row[3]),
                row[4] == null ? null : ((Number) row[4]).doubleValue(),
                row[5] == null ? null : ((Number) row[5]).doubleValue())).toList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }

    private static long asLong(Object value) {
        return ((Number) value).longValue();
    }
}
