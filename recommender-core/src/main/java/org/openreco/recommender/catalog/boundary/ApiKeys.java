package org.openreco.recommender.catalog.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.openreco.recommender.catalog.control.CatalogueCache;
import org.openreco.recommender.catalog.entity.ApiKey;
import org.openreco.recommender.platform.boundary.CatalogueAccessChanged;
import org.openreco.recommender.platform.boundary.InputChecks;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/** Storefront API keys per catalogue: create (the key is returned once), list, revoke ({@link ApiKeyCheck} checks them). */
@Stateless
public class ApiKeys {

    /** Keys look like {@code rk_<43 characters>}; the first 12 characters are the prefix. */
    static final String KEY_START = "rk_";
    static final int PREFIX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just made: the only moment the whole key is known. */
    public record Created(ApiKey apiKey, String key) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalogues catalogues;

    @Inject
    CatalogueCache cache;

    @Inject
    Event<CatalogueAccessChanged> accessChanged;

    public Created create(String catalogue, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        String problem = InputChecks.text(name, ApiKey.NAME_MAX_LENGTH);
        if (problem != null) {
            throw new InvalidInputException("name", problem);
        }
        long catalogueId = catalogues.get(catalogue).getId();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var apiKey = new ApiKey(catalogueId, name.strip(), key.substring(0, PREFIX_LENGTH), hash(key));
        em.persist(apiKey);
        em.flush();
        return new Created(apiKey, key);
    }

    /** The catalogue's keys, newest first, revoked ones included. */
    public List<ApiKey> list(String catalogue) {
        return em.createQuery("select k from ApiKey k where k.catalogueId = :c order by k.createdAt desc, k.id desc", ApiKey.class)
                .setParameter("c", catalogues.get(catalogue).getId())
                .getResultList();
    }

    /**
     * Revokes a key for good; revoking it again changes nothing. This node refuses the key as soon as
     * the revocation commits; other nodes when they hear of it over the change signal, well within a second.
     */
    public ApiKey revoke(String catalogue, String prefix) {
        long catalogueId = catalogues.get(catalogue).getId();
        var apiKey = em.createQuery("select k from ApiKey k where k.catalogueId = :c and k.prefix = :p", ApiKey.class)
                .setParameter("c", catalogueId)
                .setParameter("p", prefix)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no API key '" + prefix + "' in catalogue '" + catalogue + "'"));
        cache.forgetKey(prefix);
        apiKey.revoke();
        accessChanged.fire(new CatalogueAccessChanged(catalogueId));
        return apiKey;
    }

    /** The stored form of a key (SHA-256, hex); {@link ApiKeyCheck} compares presented keys by it. */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
