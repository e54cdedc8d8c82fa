package org.openreco.recommender.catalog.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.openreco.recommender.catalog.control.ItemWriter;
import org.openreco.recommender.catalog.entity.Item;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/** Items of a catalogue: upsert (one or many), read, list, hide/unhide, delete. */
@Stateless
public class Items {

    /** The most items one call may upsert. */
    public static final int BATCH_MAX = 1_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalogues catalogues;

    @Inject
    Event<CatalogueChanged> catalogueChanged;

    /**
     * Upserts each valid item by external id; invalid ones are rejected with field and reason and
     * write nothing, the accepted ones commit together.
     */
    public BatchResult upsertAll(String catalogue, List<ItemData> items) {
        if (items == null || items.isEmpty()) {
            throw new InvalidInputException("items", "must hold at least one item");
        }
        if (items.size() > BATCH_MAX) {
            throw new InvalidInputException("items", "must hold at most " + BATCH_MAX + " items (has " + items.size() + ")");
        }
        long catalogueId = catalogues.get(catalogue).getId();
        var elements = new ArrayList<BatchResult.Element>(items.size());
        var valid = new ArrayList<ItemData>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var problem = ItemWriter.problem(i, items.get(i));
            if (problem == null) {
                valid.add(items.get(i));
                elements.add(BatchResult.Element.accepted(i));
            } else {
                elements.add(problem);
            }
        }
        if (!valid.isEmpty()) {
            em.unwrap(Session.class).doWork(connection -> ItemWriter.upsert(connection, catalogueId, valid));
            // an item hidden by its upsert must leave the lists served from the cache at once
            if (valid.stream().anyMatch(item -> Boolean.FALSE.equals(item.available()))) {
                catalogueChanged.fire(new CatalogueChanged(catalogueId, CatalogueChanged.ITEMS_HIDDEN));
            }
        }
        return new BatchResult(elements);
    }

    /** Upserts one item; an invalid one is an {@link InvalidInputException} naming the field. */
    public Item upsert(String catalogue, ItemData item) {
        var problem = ItemWriter.problem(0, item);
        if (problem != null) {
            throw new InvalidInputException(problem.field(), problem.reason());
        }
        upsertAll(catalogue, List.of(item));
        return get(catalogue, item.externalId());
    }

    /**
     * One item, read without a transaction of its own (a read needs none: the call then costs one
     * statement on a connection in auto-commit) and with the catalogue's id from the cache.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Item> find(String catalogue, String externalId) {
        long catalogueId = catalogues.ref(catalogue).id();
        return em.createQuery("select i from Item i where i.catalogueId = :c and i.externalId = :e", Item.class)
                .setParameter("c", catalogueId)
                .setParameter("e", externalId)
                .getResultStream()
                .findFirst();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Item get(String catalogue, String externalId) {
        return find(catalogue, externalId).orElseThrow(() -> new NotFoundException(
                "item '" + externalId + "' does not exist in catalogue '" + catalogue + "'"));
    }

    /** Hides an item from recommendations (false) or shows it again (true). */
    public Item setAvailable(String catalogue, String externalId, boolean available) {
        var item = get(catalogue, externalId);
        long id = item.getId();
        int changed = em.createNativeQuery("update item set available = ?1, updated_at = now() where id = ?2 and available <> ?1")
                .setParameter(1, available)
                .setParameter(2, id)
                .executeUpdate();
        em.clear();
        if (changed > 0) {
            catalogueChanged.fire(new CatalogueChanged(item.getCatalogueId(),
                    available ? CatalogueChanged.ITEM_SHOWN : CatalogueChanged.ITEM_HIDDEN));
        }
        return get(catalogue, externalId);
    }

    /** Deletes an item with its interactions (the schema cascades); its impressions stay until retention removes them. */
    public void delete(String catalogue, String externalId) {
        var item = get(catalogue, externalId);
        long id = item.getId();
        em.createNativeQuery("delete from item where id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from embedding_queue where kind = 'item' and entity_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        em.clear();
        catalogueChanged.fire(new CatalogueChanged(item.getCatalogueId(), CatalogueChanged.ITEM_DELETED));
    }

    /** One page of a catalogue's items matching the filter, newest first. */
    @SuppressWarnings("unchecked")
    public List<Item> list(String catalogue, ItemFilter filter, int offset, int limit) {
        var query = em.createNativeQuery("select * from item i where " + where(filter)
                + " order by i.created_at desc, i.id desc offset :offset limit :limit", Item.class);
        bind(query, catalogue, filter);
        return query.setParameter("offset", Math.max(0, offset)).setParameter("limit", Math.max(0, limit)).getResultList();
    }

    public long count(String catalogue, ItemFilter filter) {
        var query = em.createNativeQuery("select count(*) from item i where " + where(filter));
        bind(query, catalogue, filter);
        return ((Number) query.getSingleResult()).longValue();
    }

    /** The categories in use in a catalogue, for the console's filter. */
    @SuppressWarnings("unchecked")
    public List<String> categories(String catalogue) {
        return em.createNativeQuery("""
                select distinct c from item i, unnest(i.categories) c where i.catalogue_id = ?1 order by c limit 1000""")
                .setParameter(1, catalogues.get(catalogue).getId())
                .getResultList();
    }

    private static String where(ItemFilter filter) {
        var where = new StringBuilder("i.catalogue_id = :catalogue");
        if (filter != null && filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (i.title ilike :text escape '\\' or i.external_id ilike :text escape '\\')");
        }
        if (filter != null && filter.category() != null && !filter.category().isBlank()) {
            where.append(" and i.categories @> array[cast(:category as text)]");
        }
        return where.toString();
    }

    private void bind(jakarta.persistence.Query query, String catalogue, ItemFilter filter) {
        query.setParameter("catalogue", catalogues.get(catalogue).getId());
        if (filter != null && filter.text() != null && !filter.text().isBlank()) {
            query.setParameter("text", "%" + filter.text().strip().replaceAll("([\\\\%_])", "\\\\$1") + "%");
        }
        if (filter != null && filter.category() != null && !filter.category().isBlank()) {
            query.setParameter("category", filter.category());
        }
    }
}
