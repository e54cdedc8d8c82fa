package org.openreco.recommender.monitoring.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Live figures for the dashboard. */
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

    private static long asLong(Object value) {
        return ((Number) value).longValue();
    }
}
