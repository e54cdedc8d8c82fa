package org.openreco.recommender.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiversityRerankerTest {

    // three near-copies of one direction, then two other directions, scored in that order
    private static final float[][] VECTORS = {
            {1, 0, 0}, {0.99f, 0.14f, 0}, {0.98f, 0, 0.2f}, {0, 1, 0}, {0, 0, 1}};
    private static final double[] RELEVANCE = {1.0, 0.95, 0.9, 0.6, 0.5};

    @Test
    void lambdaZeroKeepsTheScoreOrder() {
        assertEquals(List.of(0, 1, 2), DiversityReranker.rerank(RELEVANCE, VECTORS, 0, 3));
    }

    @Test
    void aHigherLambdaPicksTheOtherDirectionsBeforeTheNearCopies() {
        // λ = 0.5: after item 0, item 1 scores 0.5·0.95 − 0.5·0.99 < 0 and item 3 scores 0.5·0.6 − 0 = 0.3
        assertEquals(List.of(0, 3, 4), DiversityReranker.rerank(RELEVANCE, VECTORS, 0.5, 3));
    }

    @Test
    void aSmallLambdaTradesLittle() {
        // λ = 0.05: item 1 scores 0.95·0.95 − 0.05·0.99 = 0.853, item 3 scores 0.95·0.6 = 0.57
        assertEquals(List.of(0, 1, 2), DiversityReranker.rerank(RELEVANCE, VECTORS, 0.05, 3));
    }

    @Test
    void itemsWithoutVectorsCountAsUnlikeEveryOtherAndNeverMoreThanTheCandidatesComeBack() {
        float[][] vectors = {{1, 0}, {1, 0}, null};
        assertEquals(List.of(0, 2, 1), DiversityReranker.rerank(new double[] {1, 0.9, 0.5}, vectors, 0.5, 10));
    }
}
