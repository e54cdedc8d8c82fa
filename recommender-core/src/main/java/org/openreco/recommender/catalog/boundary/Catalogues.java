package org.openreco.recommender.catalog.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.openreco.recommender.catalog.control.CatalogueCache;
import org.openreco.recommender.catalog.control.SettingsJson;
import org.openreco.recommender.catalog.entity.Catalogue;
import org.openreco.recommender.platform.boundary.CatalogueAccessChanged;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/** Creates, lists, renames and deletes catalogues. */
@Stateless
public class Catalogues {

    @PersistenceContext
    EntityManager em;

    @Inject
    CatalogueCache cache;

    /** A renamed or deleted catalogue's name may soon name another: answers kept under it must go. */
    @Inject
    Event<CatalogueChanged> catalogueChanged;

    @Inject
    Event<CatalogueAccessChanged> accessChanged;

    public Catalogue create(String name) {
        requireValidName(name);
        requireUnused(name);
        var catalogue = new Catalogue(name);
        em.persist(catalogue);
        em.flush();
        cache.forgetCatalogue(name); // it may be remembered as unknown
        return catalogue;
    }

    public List<Catalogue> list() {
        return em.createNamedQuery(Catalogue.ALL, Catalogue.class).getResultList();
    }

    public Optional<Catalogue> find(String name) {
        return em.createNamedQuery(Catalogue.BY_NAME, Catalogue.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    public Catalogue get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("catalogue '" + name + "' does not exist"));
    }

    /**
     * The catalogue's id and settings for calls into it (events, keys), from a cache that forgets a
     * catalogue when it is changed through this node and expires after {@link CatalogueCache#TTL}.
     * Runs without a transaction of its own: a cache hit costs no database work at all.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CatalogueRef> findRef(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.catalogue(name, () -> find(name)
                .map(c -> new CatalogueRef(c.getId(), c.getName(), SettingsJson.read(storedSettings(c.getId()))))
                .orElse(null)));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public CatalogueRef ref(String name) {
        return findRef(name).orElseThrow(() -> new NotFoundException("catalogue '" + name + "' does not exist"));
    }

    public Catalogue rename(String name, String newName) {
        var catalogue = get(name);
        if (name.equals(newName)) {
            return catalogue;
        }
        requireValidName(newName);
        requireUnused(newName);
        cache.forgetCatalogue(name);
        cache.forgetCatalogue(newName);
        catalogue.rename(newName);
        em.flush();
        catalogueChanged.fire(new CatalogueChanged(catalogue.getId(), CatalogueChanged.RENAMED));
        return catalogue;
    }

    /** Deletes a catalogue that holds no items, users or interactions; emptying one is a deliberate, separate act. */
    public void delete(String name) {
        var catalogue = get(name);
        long rows = ((Number) em.createNativeQuery("""
                select (select count(*) from item where catalogue_id = ?1)
                     + (select count(*) from app_user where catalogue_id = ?1)
                     + (select count(*) from interaction where catalogue_id = ?1)""")
                .setParameter(1, catalogue.getId())
                .getSingleResult()).longValue();
        if (rows > 0) {
            throw new ConflictException("name", "catalogue '" + name + "' is not empty (" + rows + " items, users and interactions)");
        }
        cache.forgetCatalogue(name);
        em.remove(catalogue);
        catalogueChanged.fire(new CatalogueChanged(catalogue.getId(), CatalogueChanged.DELETED));
    }

    public CatalogueCounts counts(String name) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select (select count(*) from item where catalogue_id = ?1),
                       (select count(*) from app_user where catalogue_id = ?1),
                       (select count(*) from interaction where catalogue_id = ?1)""")
                .setParameter(1, get(name).getId())
                .getSingleResult();
        return new CatalogueCounts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /** The catalogue's settings, defaults where it has none of its own. */
    public CatalogueSettings settings(String name) {
        return SettingsJson.read(storedSettings(get(name).getId()));
    }

    /** Replaces the catalogue's settings after validating them; other keys in its settings object stay. */
    public CatalogueSettings updateSettings(String name, CatalogueSettings settings) {
        if (settings == null) {
            throw new InvalidInputException("settings", "are required");
        }
        String[] problem = settings.problem();
        if (problem != null) {
            throw new InvalidInputException(problem[0], problem[1]);
        }
        long id = get(name).getId();
        cache.forgetCatalogue(name);
        em.createNativeQuery("update catalogue set settings = cast(?1 as jsonb), updated_at = now() where id = ?2")
                .setParameter(1, SettingsJson.write(storedSettings(id), settings))
                .setParameter(2, id)
                .executeUpdate();
        accessChanged.fire(new CatalogueAccessChanged(id));
        return settings(name);
    }

    private String storedSettings(long catalogueId) {
        return (String) em.createNativeQuery("select cast(settings as text) from catalogue where id = ?1")
                .setParameter(1, catalogueId)
                .getSingleResult();
    }

    private static void requireValidName(String name) {
        String problem = Catalogue.nameProblem(name);
        if (problem != null) {
            throw new InvalidInputException("name", problem);
        }
    }

    private void requireUnused(String name) {
        if (find(name).isPresent()) {
            throw new ConflictException("name", "catalogue '" + name + "' already exists");
        }
    }
}
