package org.openreco.recommender.recommendations.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.Settings;
import org.openreco.recommender.platform.boundary.UsersChanged;

/**
 * A user's ranked list, kept for a short while per (catalogue, user, query), as Gorse keeps its
 * recommendation cache: a storefront asks again for the same user on every page, and the hybrid's
 * HNSW searches cost milliseconds of database CPU each, the bulk of an answer. What the list depends
 * on drops it on this node as soon as the change commits ({@link UsersChanged}: the user's events,
 * vector or factors; {@link CatalogueChanged}: hidden or deleted items, another model or generation, a
 * renamed or deleted catalogue), and on the other nodes a moment later (the platform's ClusterChanges); changes nobody
 * announces (a new item's first vector, trending) catch up
 * within the time to live, {@value #PROPERTY} seconds (a setting; default
 * {@value #DEFAULT_SECONDS}, 0 turns the cache off).
 *
 * <p>Changes are ordered by a logical clock: an answer keeps the tick read before its work began, a
 * change records the tick it happened at, and an answer is good only while no change of its user or
 * catalogue came after its start. An answer whose work overlapped a change is not kept at all, which
 * lets a change's record expire with the longest-lived answer it could have outdated.
 *
 * <p>Hits and misses are counted as {@code recommender.recommendations.cache.hits} and {@code …misses} on
 * the server's Prometheus endpoint: plain counters (see PipelineMeters on WFLY-21061), which the registry
 * owns, so that they go on counting after a redeploy (a gauge would still read the old deployment's state).
 */
@ApplicationScoped
public class AnswerCache {

    static final String PROPERTY = "recommender.serving.cache-seconds";
    static final int DEFAULT_SECONDS = 30;
    static final int MAX_ANSWERS = 200_000;
    /** Slots of the table of recently asked keys (a power of two). */
    static final int ASKED_SLOTS = 1 << 16;

    /** What was asked: the catalogue's and the user's external names and the query's own value. */
    public record Key(String catalogue, String user, Object query) {
    }

    /** A kept answer: the ids it was computed for and the candidates, best first. */
    public record Answer(long catalogueId, long userId, List<Candidate> candidates, long startedAt) {

        public Answer {
            candidates = List.copyOf(candidates);
        }
    }

    @Inject
    Instance<MeterRegistry> registries;

    private final AtomicLong clock = new AtomicLong();
    private volatile Counter hits;
    private volatile Counter misses;
    private final boolean enabled;
    private final Cache<Key, Answer> answers;
    private final Cache<Long, Long> userChanges;
    private final Cache<Long, Long> catalogueChanges;
    /**
     * The recently asked keys by hash: a key's first miss writes its hash, its second the hash's
     * complement, and only an answer whose key was asked before is kept. Answers asked once (a distinct
     * filter per request) then never enter the cache: they would live their time to live, survive young
     * collections and be copied and promoted for nothing. A collision costs at most one answer computed twice.
     */
    private final AtomicLongArray asked = new AtomicLongArray(ASKED_SLOTS);

    public AnswerCache() {
        this(seconds(Settings.value(PROPERTY)));
    }

    AnswerCache(int seconds) {
        enabled = seconds > 0;
        var timeToLive = Duration.ofSeconds(Math.max(1, seconds));
        answers = Caffeine.newBuilder().maximumSize(MAX_ANSWERS).expireAfterWrite(timeToLive).build();
        // a change outlives every answer it could outdate: those were all written before it (see keep)
        var changesLiveFor = timeToLive.plusSeconds(5);
        userChanges = Caffeine.newBuilder().expireAfterWrite(changesLiveFor).build();
        catalogueChanges = Caffeine.newBuilder().expireAfterWrite(changesLiveFor).build();
    }

    static int seconds(String configured) {
        if (configured != null && configured.strip().matches("[0-9]{1,5}")) {
            return Integer.parseInt(configured.strip());
        }
        return DEFAULT_SECONDS;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The tick to start an answer's work at; pass it to {@link #keep}. */
    public long start() {
        return clock.incrementAndGet();
    }

    /** The kept answer to the key, or null when there is none or something it depends on changed since. */
    public Answer find(Key key) {
        if (!enabled) {
            return null;
        }
        var answer = answers.getIfPresent(key);
        if (answer != null && !current(answer.catalogueId(), answer.userId(), answer.startedAt())) {
            answers.invalidate(key);
            answer = null;
        }
        if (answer == null) {
            asked(key);
        }
        count(answer != null);
        return answer;
    }

    /**
     * Keeps an answer whose work began at {@code startedAt}, unless its user or catalogue changed since or
     * its key was not asked before (see {@link #find}).
     */
    public void keep(Key key, Answer answer) {
        if (enabled && askedBefore(key) && current(answer.catalogueId(), answer.userId(), answer.startedAt())) {
            answers.put(key, answer);
        }
    }

    private void asked(Key key) {
        long hash = hash(key);
        int slot = (int) hash & (ASKED_SLOTS - 1);
        long was = asked.get(slot);
        if (was != ~hash) {
            asked.set(slot, was == hash ? ~hash : hash);
        }
    }

    private boolean askedBefore(Key key) {
        long hash = hash(key);
        return asked.get((int) hash & (ASKED_SLOTS - 1)) == ~hash;
    }

    private static long hash(Key key) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    void usersChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) UsersChanged change) {
        long now = clock.incrementAndGet();
        change.userIds().forEach(user -> userChanges.put(user, now));
    }

    void catalogueChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueChanged change) {
        catalogueChanges.put(change.catalogueId(), clock.incrementAndGet());
    }

    private void count(boolean hit) {
        if (hits == null) {
            if (registries == null || !registries.isResolvable()) {
                return;
            }
            var registry = registries.get();
            misses = registry.counter("recommender.recommendations.cache.misses");
            hits = registry.counter("recommender.recommendations.cache.hits");
        }
        (hit ? hits : misses).increment();
    }

    private boolean current(long catalogueId, long userId, long startedAt) {
        Long user = userChanges.getIfPresent(userId);
        Long catalogue = catalogueChanges.getIfPresent(catalogueId);
        return (user == null || user < startedAt) && (catalogue == null || catalogue < startedAt);
    }
}
