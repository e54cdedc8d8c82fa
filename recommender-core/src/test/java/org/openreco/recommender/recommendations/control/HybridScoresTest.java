package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.recommendations.control.HybridScores.Proposal;
import org.openreco.recommender.recommendations.entity.Source;

class HybridScoresTest {

    @Test
    void eachSourceIsMinMaxNormalisedBeforeTheWeightedSum() {
        // collaborative raw 10..30, content raw 0.2..0.6: on one scale after normalising
        var proposals = List.of(
                new Proposal(1, Source.COLLABORATIVE, 30, "a"),
                new Proposal(2, Source.COLLABORATIVE, 20, "b"),
                new Proposal(3, Source.COLLABORATIVE, 10, "c"),
                new Proposal(2, Source.CONTENT, 0.6, "d"),
                new Proposal(4, Source.CONTENT, 0.2, "e"));

        var blended = HybridScores.blend(proposals, new BlendWeights(1.0, 0, 0.5, 0));

        // item 1: 1·1; item 2: 1·0.5 + 0.5·1; item 3: 1·0; item 4: 0.5·0
        assertEquals(List.of(1L, 2L, 3L, 4L), blended.stream().map(HybridScores.Blended::itemId).toList());
        assertEquals(1.0, blended.get(0).score(), 1e-12);
        assertEquals(1.0, blended.get(1).score(), 1e-12);
        assertEquals(0.0, blended.get(2).score(), 1e-12);
        assertEquals(0.0, blended.get(3).score(), 1e-12);
    }

    @Test
    void anItemKeepsTheSourceThatContributedMostAndItsAnchor() {
        var proposals = List.of(
                new Proposal(7, Source.COLLABORATIVE, 1, "low"),
                new Proposal(8, Source.COLLABORATIVE, 3, "high"),
                new Proposal(7, Source.ITEM_TO_ITEM, 5, "neighbour"),
                new Proposal(9, Source.ITEM_TO_ITEM, 1, "other"));

        var blended = HybridScores.blend(proposals, new BlendWeights(1.0, 0.8, 0, 0));

        var seven = blended.stream().filter(b -> b.itemId() == 7).findFirst().orElseThrow();
        assertEquals(Source.ITEM_TO_ITEM, seven.source(), "0.8·1 from item-to-item beats 1·0 from collaborative");
        assertEquals("neighbour", seven.anchor());
        assertEquals(0.8, seven.score(), 1e-12);
    }

    @Test
    void aSourceThatScoresAllItsCandidatesAlikeGivesThemAllItsFullWeight() {
        var blended = HybridScores.blend(List.of(new Proposal(1, Source.TRENDING, 4, null),
                new Proposal(2, Source.TRENDING, 4, null)), new BlendWeights(0, 0, 0, 0.1));

        assertEquals(List.of(0.1, 0.1), blended.stream().map(HybridScores.Blended::score).toList());
        assertEquals(List.of(1L, 2L), blended.stream().map(HybridScores.Blended::itemId).toList(), "ties keep proposal order");
    }

    @Test
    void blendWeightsMustBeFiniteAndNotNegativeAndMissingOnesTakeTheDefaults() {
        assertThrows(IllegalArgumentException.class, () -> new BlendWeights(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BlendWeights(Double.NaN, 0, 0, 0));
        assertEquals(new BlendWeights(2, BlendWeights.DEFAULTS.itemToItem(), 0, BlendWeights.DEFAULTS.trending()),
                BlendWeights.of(2.0, null, 0.0, -3.0));
        assertEquals(0, BlendWeights.DEFAULTS.of(Source.SEARCH));
    }
}
