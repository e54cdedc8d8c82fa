package org.openreco.recommender.users.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.platform.boundary.UsersChanged;
import org.openreco.recommender.users.control.UserWriter;
import org.openreco.recommender.users.entity.AppUser;

/** Users of a catalogue: upsert, read, list, their history, forget (with their interactions). */
@Stateless
public class Users {

    /** The most users one call may upsert. */
    public static final int BATCH_MAX = 1_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalogues catalogues;

    @Inject
    Event<UsersChanged> usersChanged;

    /** Upserts each valid user by external id; invalid ones are rejected and write nothing. */
    public BatchResult upsertAll(String catalogue, List<UserData> users) {
        if (users == null || users.isEmpty()) {
            throw new InvalidInputException("users", "must hold at least one user");
        }
        if (users.size() > BATCH_MAX) {
            throw new InvalidInputException("users", "must hold at most " + BATCH_MAX + " users (has " + users.size() + ")");
        }
        long catalogueId = catalogues.get(catalogue).getId();
        var elements = new ArrayList<BatchResult.Element>(users.size());
        var valid = new ArrayList<UserData>(users.size());
        for (int i = 0; i < users.size(); i++) {
            var problem = UserWriter.problem(i, users.get(i));
            if (problem == null) {
                valid.add(users.get(i));
                elements.add(BatchResult.Element.accepted(i));
            } else {
                elements.add(problem);
            }
        }
        if (!valid.isEmpty()) {
            em.unwrap(Session.class).doWork(connection -> UserWriter.upsert(connection, catalogueId, valid));
        }
        return new BatchResult(elements);
    }

    /** Upserts one user; an invalid one is an {@link InvalidInputException} naming the field. */
    public AppUser upsert(String catalogue, UserData user) {
        var problem = UserWriter.problem(0, user);
        if (problem != null) {
            throw new InvalidInputException(problem.field(), problem.reason());
        }
        upsertAll(catalogue, List.of(user));
        return get(catalogue, user.externalId());
    }

    public Optional<AppUser> find(String catalogue, String externalId) {
        long catalogueId = catalogues.get(catalogue).getId();
        return em.createQuery("select u from AppUser u where u.catalogueId = :c and u.externalId = :e", AppUser.class)
                .setParameter("c", catalogueId)
                .setParameter("e", externalId)
                .getResultStream()
                .findFirst();
    }

    public AppUser get(String catalogue, String externalId) {
        return find(catalogue, externalId).orElseThrow(() -> new NotFoundException(
                "user '" + externalId + "' does not exist in catalogue '" + catalogue + "'"));
    }

    /** Forgets a user: the user, their interactions and impressions (the schema cascades) and their queue mark. */
    public void delete(String catalogue, String externalId) {
        var user = get(catalogue, externalId);
        long id = user.getId();
        em.createNativeQuery("delete from app_user where id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from embedding_queue where kind = 'user' and entity_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        em.clear();
        usersChanged.fire(new UsersChanged(user.getCatalogueId(), List.of(id)));
    }

    /** One page of a catalogue's users whose external id contains the text (null: all), newest first. */
    public List<AppUser> list(String catalogue, String text, int offset, int limit) {
        return em.createQuery("select u from AppUser u where u.catalogueId = :c and (:t is null or lower(u.externalId) like :t)"
                        + " order by u.createdAt desc, u.id desc", AppUser.class)
                .setParameter("c", catalogues.get(catalogue).getId())
                .setParameter("t", pattern(text))
                .setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.max(0, limit))
                .getResultList();
    }

    public long count(String catalogue, String text) {
        return em.createQuery("select count(u) from AppUser u where u.catalogueId = :c and (:t is null or lower(u.externalId) like :t)",
                        Long.class)
                .setParameter("c", catalogues.get(catalogue).getId())
                .setParameter("t", pattern(text))
                .getSingleResult();
    }

    /** A page of the user's events, newest first. */
    public List<UserEvent> history(String catalogue, String externalId, int offset, int limit) {
        long id = get(catalogue, externalId).getId();
        List<?> rows = em.createNativeQuery("""
                select e.occurred_at, e.type, i.external_id, i.title, e.value, e.weight
                from interaction e join item i on i.id = e.item_id
                where e.user_id = ?1 order by e.occurred_at desc, e.id desc offset ?2 limit ?3""")
                .setParameter(1, id)
                .setParameter(2, Math.max(0, offset))
                .setParameter(3, Math.max(0, limit))
                .getResultList();
        return rows.stream().map(row -> (Object[]) row).map(r -> new UserEvent(
                instant(r[0]),
                (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue())).toList();
    }

    public long historySize(String catalogue, String externalId) {
        long id = get(catalogue, externalId).getId();
        return ((Number) em.createNativeQuery("select count(*) from interaction where user_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value);
        };
    }

    private static String pattern(String text) {
        return text == null || text.isBlank() ? null
                : "%" + text.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
