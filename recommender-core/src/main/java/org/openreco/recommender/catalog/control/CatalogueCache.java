package org.openreco.recommender.catalog.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openreco.recommender.catalog.boundary.CatalogueRef;
import org.openreco.recommender.platform.boundary.CatalogueAccessChanged;
import org.openreco.recommender.platform.boundary.CatalogueChanged;

/**
 * What every storefront call needs before it can do anything: the catalogue's id and settings, and
 * which catalogue an API key opens. Measured: without it a one-event request ran five look-ups in
 * three transactions before its own work.
 * <p>
 * Entries live {@link #TTL} at most. Changes made through this node (settings, rename, delete, key
 * revocation) drop the affected entries when their transaction ends, so this node sees them at once;
 * other nodes of a cluster hear of them through the change signal ({@link CatalogueChanged},
 * {@link CatalogueAccessChanged}) and drop the catalogue's entries too, well within a second; the
 * {@link #TTL} bounds what a lost signal could leave behind. A load that
 * started before a change ends does not put its (possibly old) result in: every invalidation bumps
 * a generation, and a load stores its result only when the generation did not move meanwhile.
 * <p>
 * Unknown catalogues and unknown or revoked keys are remembered too, for {@link #NEGATIVE_TTL}, in a
 * bounded table: a client that keeps sending a wrong key or name then costs one look-up per name and
 * period, not one per request, and cannot grow the memory with random keys. Creating a catalogue
 * forgets that its name was unknown; a new key never needs that, its hash has never been seen.
 */
@ApplicationScoped
public class CatalogueCache {

    public static final Duration TTL = Duration.ofSeconds(10);
    public static final Duration NEGATIVE_TTL = Duration.ofSeconds(2);
    static final int MAX_NEGATIVES = 10_000;

    /** The catalogue a valid key opens, and the key's prefix (revocation goes by prefix). */
    public record KeyOwner(long catalogueId, String prefix) {
    }

    private record Entry<T>(T value, long expiresAt) {
    }

    private final Map<String, Entry<CatalogueRef>> catalogues = new ConcurrentHashMap<>();
    private final Map<String, Entry<KeyOwner>> keys = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> unknownCatalogues = negatives();
    private final Cache<String, Boolean> unknownKeys = negatives();
    private final AtomicLong generation = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The catalogue by name, loaded (null: no such catalogue) when missing or expired. */
    public CatalogueRef catalogue(String name, Supplier<CatalogueRef> load) {
        return cached(catalogues, unknownCatalogues, name, load);
    }

    /** The owner of the key with this hash, loaded (null: unknown or revoked) when missing or expired. */
    public KeyOwner key(String keyHash, Supplier<KeyOwner> load) {
        return cached(keys, unknownKeys, keyHash, load);
    }

    /** Forgets the catalogue now and again when the current transaction ends (it may change it). */
    public void forgetCatalogue(String name) {
        invalidate(() -> {
            catalogues.remove(name);
            unknownCatalogues.invalidate(name);
        });
    }

    /** Forgets every cached key with this prefix now and again when the current transaction ends. */
    public void forgetKey(String prefix) {
        invalidate(() -> keys.values().removeIf(entry -> entry.value().prefix().equals(prefix)));
    }

    /** Another node changed the catalogue (renamed, deleted) or it may have: its entries go. */
    void catalogueChanged(@Observes CatalogueChanged change) {
        if (change.remote()) {
            forgetCatalogue(change.catalogueId());
        }
    }

    /** Another node changed the catalogue's settings or revoked one of its keys. */
    void accessChanged(@Observes CatalogueAccessChanged change) {
        if (change.remote()) {
            forgetCatalogue(change.catalogueId());
        }
    }

    /**
     * Forgets the catalogue by id, every key that opens it, and the names remembered as unknown (one may be
     * its new name).
     */
    void forgetCatalogue(long catalogueId) {
        invalidate(() -> {
            catalogues.values().removeIf(entry -> entry.value().id() == catalogueId);
            keys.values().removeIf(entry -> entry.value().catalogueId() == catalogueId);
            unknownCatalogues.invalidateAll();
        });
    }

    private <T> T cached(Map<String, Entry<T>> map, Cache<String, Boolean> unknown, String name, Supplier<T> load) {
        long now = System.nanoTime();
        Entry<T> entry = map.get(name);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.value();
        }
        if (unknown.getIfPresent(name) != null) {
            return null;
        }
        long before = generation.get();
        T value = load.get();
        if (value != null) {
            map.put(name, new Entry<>(value, now + TTL.toNanos()));
            if (generation.get() != before) {
                map.remove(name); // an invalidation ran while loading: the value may predate it
            }
        } else {
            map.remove(name);
            unknown.put(name, Boolean.TRUE);
            if (generation.get() != before) {
                unknown.invalidate(name);
            }
        }
        return value;
    }

    long unknownKeys() {
        unknownKeys.cleanUp();
        return unknownKeys.estimatedSize();
    }

    private static Cache<String, Boolean> negatives() {
        return Caffeine.newBuilder().maximumSize(MAX_NEGATIVES).expireAfterWrite(NEGATIVE_TTL).build();
    }

    private void invalidate(Runnable forget) {
        generation.incrementAndGet();
        forget.run();
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                    forget.run();
                }
            });
        }
    }
}
