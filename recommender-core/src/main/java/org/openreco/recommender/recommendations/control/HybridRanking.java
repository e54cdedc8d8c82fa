package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * A user's recommendations: candidates from every source the user has what it needs for, a few times
 * n each ({@link HybridCandidates}), merged and scored by the active model's blend ({@link HybridScores}),
 * re-ranked for diversity when asked ({@link DiversityReranker}), filled with trending items when the
 * filters leave fewer than n. Cold start follows from what exists: an unknown user or one without
 * events gets trending; after the first events content (once the taste vector is folded) and
 * item-to-item (neighbours of their items) until the model has folded them in too; an item without
 * interactions has no factors or neighbours but is found by content.
 */
public final class HybridRanking {

    /** Candidates each source proposes per result asked for (twice as many when diversifying). */
    static final int CANDIDATES_PER_RESULT = 3;
    /** Of the trending ranking, this many times a source's candidates go in: room for the filtered ones. */
    static final int TRENDING_CANDIDATES = 5;

    private HybridRanking() {
    }

    /** The answer and the user it was for (null: unknown to the catalogue). */
    public record Ranked(Long userId, List<Candidate> candidates) {
    }

    /** For the user the serving state was resolved with ({@link ServingGeneration#resolve(Connection, String, int, String)}). */
    public static Ranked forUser(Connection connection, ServingGeneration serving, ItemFilters filters, int n, double diversity,
            Trending trending) throws SQLException {
        var user = serving.user();
        Long userId = user == null ? null : user.id();
        var seen = filters.seenBy(userId);
        var candidates = new ArrayList<Candidate>(n);
        if (user != null) {
            candidates.addAll(blended(connection, serving, user, seen, n, diversity, trending));
        }
        if (candidates.size() < n) {
            var shown = candidates.stream().map(Candidate::id).toList();
            candidates.addAll(trending.top(connection, serving.catalogueId(), seen.excluding(shown), n - candidates.size()));
        }
        return new Ranked(userId, candidates);
    }

    private static List<Candidate> blended(Connection connection, ServingGeneration serving, HybridCandidates.ServingUser user,
            ItemFilters filters, int n, double diversity, Trending trending) throws SQLException {
        var blend = serving.blend();
        int perSource = CANDIDATES_PER_RESULT * n * (diversity > 0 ? 2 : 1);
        // trending is a source of its own only when the blend weighs it; otherwise it only fills
        var ask = new HybridCandidates.Ask(blend.collaborative() > 0, blend.content() > 0, blend.itemToItem() > 0,
                blend.trending() > 0 ? trending.ranked(connection, serving.catalogueId(), TRENDING_CANDIDATES * perSource) : null,
                perSource, diversity > 0);
        var found = HybridCandidates.find(connection, serving, user, filters, ask);
        var items = new HashMap<Long, HybridCandidates.Found>();
        found.forEach(f -> items.putIfAbsent(f.proposal().itemId(), f));
        var ranked = HybridScores.blend(found.stream().map(HybridCandidates.Found::proposal).toList(), blend);
        double[] scores = ranked.stream().mapToDouble(HybridScores.Blended::score).toArray();
        float[][] vectors = ranked.stream().map(b -> items.get(b.itemId()).vector()).toArray(float[][]::new);
        var shown = new ArrayList<Candidate>(n);
        for (int index : DiversityReranker.rerank(scores, vectors, diversity, n)) {
            var blended = ranked.get(index);
            var item = items.get(blended.itemId());
            shown.add(new Candidate(blended.itemId(), item.externalId(), item.title(), item.categories(), blended.score(),
                    blended.source(), blended.anchor(), reason(blended.source(), blended.anchor(), item.categories())));
        }
        return shown;
    }

    /** Why a user sees an item of their list; null where the source's own reason fits (trending). */
    static String reason(Source source, String anchor, List<String> categories) {
        return switch (source) {
            case COLLABORATIVE, ITEM_TO_ITEM -> anchor == null ? "liked by people with your taste"
                    : "because you watched ‹" + anchor + "›";
            case CONTENT -> anchor != null ? "similar to ‹" + anchor + "› you liked"
                    : categories.isEmpty() ? "matches your taste" : "matches your taste in ‹" + categories.getFirst() + "›";
            case TRENDING, LATEST, SEARCH -> null;
        };
    }
}
