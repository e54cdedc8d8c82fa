package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.UsersChanged;
import org.openreco.recommender.recommendations.entity.Source;

class AnswerCacheTest {

    private static final AnswerCache.Key ALICE_TOP_10 = new AnswerCache.Key("shop", "alice", "n=10");
    private static final List<Candidate> LIST = List.of(new Candidate(7, "lamp", "Desk lamp", List.of(), 0.9, Source.CONTENT, null));

    private final AnswerCache cache = new AnswerCache(30);

    @Test
    void aKeptAnswerIsFoundUnderItsKeyOnly() {
        var answer = answer(1, 11, cache.start());
        keptAfterTwoAsks(cache, ALICE_TOP_10, answer);

        assertSame(answer, cache.find(ALICE_TOP_10));
        assertNull(cache.find(new AnswerCache.Key("shop", "alice", "n=20")));
        assertNull(cache.find(new AnswerCache.Key("shop", "bob", "n=10")));
        assertNull(cache.find(new AnswerCache.Key("books", "alice", "n=10")));
    }

    @Test
    void aChangeOfTheUserAfterTheAnswerWasKeptDropsIt() {
        keptAfterTwoAsks(cache, ALICE_TOP_10, answer(1, 11, cache.start()));

        cache.usersChanged(new UsersChanged(1, List.of(12L)));
        assertEquals(LIST, cache.find(ALICE_TOP_10).candidates(), "another user's change leaves it");
        cache.usersChanged(new UsersChanged(1, List.of(11L)));
        assertNull(cache.find(ALICE_TOP_10));
    }

    @Test
    void aChangeOfTheCatalogueDropsEveryAnswerOfItAndNoOther() {
        var bobs = new AnswerCache.Key("books", "bob", "n=10");
        keptAfterTwoAsks(cache, ALICE_TOP_10, answer(1, 11, cache.start()));
        keptAfterTwoAsks(cache, bobs, answer(2, 21, cache.start()));

        cache.catalogueChanged(new CatalogueChanged(1, "item hidden"));

        assertNull(cache.find(ALICE_TOP_10));
        assertEquals(LIST, cache.find(bobs).candidates());
    }

    @Test
    void anAnswerWhoseWorkOverlappedAChangeIsNotKept() {
        long started = cache.start();
        cache.usersChanged(new UsersChanged(1, List.of(11L))); // committed while the answer was being ranked

        keptAfterTwoAsks(cache, ALICE_TOP_10, answer(1, 11, started));

        assertNull(cache.find(ALICE_TOP_10));
    }

    @Test
    void aChangeCommittedBeforeTheWorkBeganDoesNotCountAgainstIt() {
        cache.usersChanged(new UsersChanged(1, List.of(11L)));
        cache.catalogueChanged(new CatalogueChanged(1, "model activated"));

        keptAfterTwoAsks(cache, ALICE_TOP_10, answer(1, 11, cache.start()));

        assertEquals(LIST, cache.find(ALICE_TOP_10).candidates());
    }

    @Test
    void aTimeToLiveOfZeroTurnsTheCacheOff() {
        var off = new AnswerCache(0);
        keptAfterTwoAsks(off, ALICE_TOP_10, answer(1, 11, off.start()));

        assertFalse(off.enabled());
        assertNull(off.find(ALICE_TOP_10));
    }

    @Test
    void theTimeToLiveIsReadFromWholeSecondsAndDefaultsOtherwise() {
        assertEquals(5, AnswerCache.seconds("5"));
        assertEquals(0, AnswerCache.seconds(" 0 "));
        assertEquals(AnswerCache.DEFAULT_SECONDS, AnswerCache.seconds(null));
        assertEquals(AnswerCache.DEFAULT_SECONDS, AnswerCache.seconds("-1"));
        assertEquals(AnswerCache.DEFAULT_SECONDS, AnswerCache.seconds("ten"));
    }

    private static AnswerCache.Answer answer(long catalogueId, long userId, long startedAt) {
        return new AnswerCache.Answer(catalogueId, userId, LIST, startedAt);
    }

    @Test
    void anAnswerIsKeptOnlyWhenItsKeyWasAskedBefore() {
        assertNull(cache.find(ALICE_TOP_10));
        cache.keep(ALICE_TOP_10, answer(1, 11, cache.start()));
        assertNull(cache.find(ALICE_TOP_10), "asked once: a distinct request is not worth keeping");

        cache.keep(ALICE_TOP_10, answer(1, 11, cache.start()));
        assertEquals(LIST, cache.find(ALICE_TOP_10).candidates(), "asked a second time: kept");
    }

    /** The way serving reaches keep: the key was asked (and missed) twice. */
    private static void keptAfterTwoAsks(AnswerCache cache, AnswerCache.Key key, AnswerCache.Answer answer) {
        cache.find(key);
        cache.find(key);
        cache.keep(key, answer);
    }
}
