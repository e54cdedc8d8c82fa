package org.openreco.recommender.training.control;

/** The same list for everyone: items by their number of users in the training matrix. */
public final class Popularity implements Algorithm {

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public Scorer fit(InteractionMatrix userItems) {
        int[] counts = userItems.columnCounts();
        return new Scorer() {
            @Override
            public int itemCount() {
                return counts.length;
            }

            @Override
            public void score(int user, float[] scores) {
                for (int i = 0; i < counts.length; i++) {
                    scores[i] = counts[i];
                }
            }
        };
    }
}
