package org.openreco.recommender.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.recommendations.entity.Source;

class RankingPipelineTest {

    /** Six items, 2 factors: item i has factors (i, 1); items 4 and 5 are each other's neighbours. */
    private static RankingModel model(BlendWeights weights) {
        float[] factors = new float[12];
        for (int i = 0; i < 6; i++) {
            factors[2 * i] = i;
            factors[2 * i + 1] = 1;
        }
        int[][] neighbours = {{}, {}, {}, {}, {5, 3}, {4}};
        float[][] similarities = {{}, {}, {}, {}, {0.9f, 0.2f}, {0.9f}};
        return new RankingModel(6, 2, factors, neighbours, similarities, new int[] {0, 1, 2}, new float[] {30, 20, 10}, null,
                new int[] {5, 4, 3, 2, 1, 0}, weights);
    }

    private static List<Integer> items(List<Ranked> ranked) {
        return ranked.stream().map(Ranked::item).toList();
    }

    @Test
    void collaborativeRanksByInnerProductAndLeavesOutSeenAndIneligibleItems() {
        var user = new RankingUser(new float[] {1, 0}, null, new int[] {5}, new int[] {5});
        var ranked = RankingPipeline.rank(model(new BlendWeights(1, 0, 0, 0)), user, i -> i != 3, 3, 0, null);
        // inner products i·1: 5 is seen, 3 is filtered, so 4, 2, 1
        assertEquals(List.of(4, 2, 1), items(ranked));
        assertEquals(Source.COLLABORATIVE, ranked.getFirst().source());
        assertEquals(5, ranked.getFirst().anchor(), "the only recent item explains it");
    }

    @Test
    void eachSourceIsNormalisedOverItsOwnCandidatesBeforeTheWeightsApply() {
        var user = new RankingUser(new float[] {1, 0}, null, new int[] {5}, new int[] {5});
        // collaborative over 3 candidates per result × 1: items 4, 3, 2 → 1, 0.5, 0; trending 0, 1, 2 → 1, 0.5, 0
        var lists = RankingPipeline.candidates(model(new BlendWeights(1, 0, 0, 1)), user, i -> i != 5, 3, null,
                new BlendWeights(1, 0, 0, 1));
        var blended = RankingPipeline.blend(lists, new BlendWeights(1, 0, 0, 2));
        assertEquals(List.of(0, 1, 4, 3, 2), items(blended), "equal scores: the lower index first");
        assertEquals(List.of(2.0, 1.0, 1.0, 0.5, 0.0), blended.stream().map(Ranked::score).toList());
        assertEquals(Source.TRENDING, blended.get(1).source(), "item 1 only trends");
        assertEquals(Source.COLLABORATIVE, blended.get(2).source());
    }

    @Test
    void itemToItemSumsTheRecentItemsNeighboursAndNamesTheStrongestOne() {
        var user = new RankingUser(null, null, new int[] {4, 5}, new int[] {4, 5});
        var ranked = RankingPipeline.rank(model(new BlendWeights(0, 1, 0, 0)), user, i -> true, 1, 0, null);
        assertEquals(List.of(3), items(ranked), "4 and 5 are seen; 3 is 4's neighbour");
        assertEquals(Source.ITEM_TO_ITEM, ranked.getFirst().source());
        assertEquals(4, ranked.getFirst().anchor());
    }

    @Test
    void easeAndRp3betaSumTheirItemWeightsOverRecentItemsAndNameTheStrongest() {
        // EASE: 4 → {1: 0.5, 2: 0.1}, 5 → {2: 0.3}; RP3beta: 5 → {0: 0.2}
        var ease = new ItemWeights(new int[][] {{}, {}, {}, {}, {1, 2}, {2}},
                new float[][] {{}, {}, {}, {}, {0.5f, 0.1f}, {0.3f}});
        var rp3 = new ItemWeights(new int[][] {{}, {}, {}, {}, {}, {0}}, new float[][] {{}, {}, {}, {}, {}, {0.2f}});
        var model = model(new BlendWeights(0, 0, 0, 0, 1, 0.5)).withItemWeights(java.util.Map.of(Source.EASE, ease,
                Source.RP3BETA, rp3));
        var user = new RankingUser(null, null, new int[] {4, 5}, new int[] {4, 5});
        var lists = RankingPipeline.candidates(model, user, i -> true, 3, null, model.weights());
        // EASE sums: item 1 = 0.5 (from 4), item 2 = 0.1 + 0.3 = 0.4 (most from 5)
        assertEquals(List.of(1, 2), java.util.Arrays.stream(lists.of(Source.EASE).items()).boxed().toList());
        assertEquals(List.of(4, 5), java.util.Arrays.stream(lists.of(Source.EASE).anchors()).boxed().toList());
        var ranked = RankingPipeline.rank(model, user, i -> true, 3, 0, null);
        // normalised: EASE 1 → 1, 2 → 0; RP3beta 0 → 1 (alone): blended 1 → 1, 0 → 0.5, 2 → 0
        assertEquals(List.of(1, 0, 2), items(ranked));
        assertEquals(List.of(Source.EASE, Source.RP3BETA, Source.EASE), ranked.stream().map(Ranked::source).toList());
        assertEquals(List.of(4, 5, 5), ranked.stream().map(Ranked::anchor).toList(), "the recent item that gave the most");
    }

    @Test
    void anUnknownUserGetsTrendingThenTheNewestItems() {
        var ranked = RankingPipeline.rank(model(new BlendWeights(1, 1, 1, 1)), RankingUser.UNKNOWN, i -> i != 1, 4, 0, null);
        assertEquals(List.of(0, 2, 5, 4), items(ranked));
        assertEquals(List.of(Source.TRENDING, Source.TRENDING, Source.LATEST, Source.LATEST),
                ranked.stream().map(Ranked::source).toList());
    }

    @Test
    void contentFromOutsideIsUsedWhenTheModelHoldsNoVectors() {
        var user = new RankingUser(null, new float[] {1, 0}, new int[0], new int[0]);
        var content = new SourceRanking(new int[] {2, 3}, new float[] {0.9f, 0.5f}, new int[] {-1, -1}, false);
        var ranked = RankingPipeline.rank(model(new BlendWeights(0, 0, 1, 0)), user, i -> i != 3, 2, 0, new Ahead(content, null));
        assertEquals(List.of(2, 0), items(ranked), "3 is not eligible; trending fills");
        assertEquals(Source.CONTENT, ranked.getFirst().source());
    }

    /** The six items with content vectors at angles 0°, 18°, …, 90° from the x axis (item 5: none). */
    private static RankingModel withVectors(BlendWeights weights) {
        float[][] vectors = new float[6][];
        for (int i = 0; i < 5; i++) {
            double angle = Math.toRadians(18 * i);
            vectors[i] = new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
        }
        return model(weights).withVectors(vectors);
    }

    @Test
    void theContentRankingIsTheCosineOrderOfTheQualifyingItemsAndSaysWhenItIsComplete() {
        var model = withVectors(new BlendWeights(0, 0, 1, 0));
        // taste along 36°: items 2 (0°), then 1 and 3 (18°, tie: lower index), then 0 and 4 (36°)
        float[] taste = {(float) Math.cos(Math.toRadians(36)), (float) Math.sin(Math.toRadians(36))};
        var top = RankingPipeline.contentRanking(model, taste, i -> i != 2, 3);
        assertEquals(List.of(1, 3, 0), java.util.Arrays.stream(top.items()).boxed().toList());
        assertEquals((float) Math.cos(Math.toRadians(18)), top.scores()[0], 1e-6);
        assertEquals(false, top.complete(), "item 4 qualifies too but was cut off");
        assertEquals(true, RankingPipeline.contentRanking(model, taste, i -> i != 2, 4).complete(), "4 of 4 qualifying items");
    }

    @Test
    void contentComputedAheadWithoutTheSeenItemsRanksLikeTheFullScan() {
        var model = withVectors(new BlendWeights(0, 0, 1, 0));
        float[] taste = {1, 1};
        // ahead: everything but the user's seen item 4; later the user also saw item 3 and asks without item 2
        var ahead = RankingPipeline.contentRanking(model, taste, i -> i != 4, 4);
        var user = new RankingUser(null, taste, new int[] {3}, new int[] {3, 4});
        java.util.function.IntPredicate eligible = i -> i != 2;
        assertEquals(true, ahead.suffices(eligible, 1));
        var scanned = RankingPipeline.rank(model, user, eligible, 2, 0, null);
        var read = RankingPipeline.rank(model, user, eligible, 2, 0, new Ahead(ahead, null));
        assertEquals(items(scanned), items(read));
        assertEquals(List.of(1, 0), items(read), "45° taste: item 1 (18°) before item 0 (0°)");
    }

    @Test
    void collaborativeComputedAheadWithoutTheSeenItemsRanksLikeTheFullScan() {
        var model = model(new BlendWeights(1, 0, 0, 0));
        var user = new RankingUser(new float[] {1, 0}, null, new int[] {5}, new int[] {5, 4});
        // ahead when only item 5 was seen: 4, 3, 2 (inner products i·1); the request also left out 4 and 3
        var ahead = RankingPipeline.collaborativeRanking(model, user.factors(), i -> i != 5, 3);
        assertEquals(List.of(4, 3, 2), java.util.Arrays.stream(ahead.items()).boxed().toList());
        assertEquals(false, ahead.complete());
        java.util.function.IntPredicate eligible = i -> i != 3;
        var scanned = RankingPipeline.rank(model, user, eligible, 1, 0, null);
        var read = RankingPipeline.rank(model, user, eligible, 1, 0, new Ahead(null, ahead));
        assertEquals(List.of(2), items(scanned));
        assertEquals(items(scanned), items(read));
        assertEquals(true, RankingPipeline.collaborativeRanking(model, user.factors(), i -> i != 5, 6).complete());
    }

    @Test
    void trendingDecaysWithinTheWindowAndFollowsWithAllTimeWeight() {
        long day = 86_400;
        // item 0: weight 2 now; item 1: weight 3 six days ago (3 · 0.5² = 0.75); item 2: weight 9 a month ago
        var ranking = TrendingRanking.of(4, new int[] {0, 1, 2, 3}, new float[] {2, 3, 9, -1},
                new long[] {30 * day, 24 * day, 0, 30 * day}, 4);
        assertEquals(List.of(0, 1, 2), java.util.Arrays.stream(ranking.items()).boxed().toList());
        assertEquals(0.75f, ranking.scores()[1], 1e-6);
        assertEquals(0f, ranking.scores()[2]);
    }
}
