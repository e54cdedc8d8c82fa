package org.openreco.recommender.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * MLlib's implicit ALS with the server's model: preference 1 on a positive of weight w with confidence
 * 1 + alpha·w, preference 0 with confidence 1 elsewhere (Hu, Koren, Volinsky 2008), the version's
 * factors, epochs and seed, and λ translated ({@link #regParam}): MLlib scales λ by each row's number of
 * positives (ALS-WR), the server does not.
 * MLlib indexes users and items by int: ids beyond the int range are refused, not wrapped.
 */
final class SparkAls {

    /** The trained factors: {@code id bigint, features array<float>} for users and for items. */
    record Factors(Dataset<Row> users, Dataset<Row> items) {
    }

    private final VersionRow.Parameters parameters;

    SparkAls(VersionRow.Parameters parameters) {
        this.parameters = parameters;
    }

    /** @param positives {@code user_id, item_id, weight} */
    Factors fit(Dataset<Row> positives) {
        Row shape = positives.agg(count(lit(1)), countDistinct(col("user_id")), max("user_id"), max("item_id")).first();
        if (shape.getLong(0) == 0) {
            throw new IllegalStateException("the catalogue has no positive interactions to train on");
        }
        if (shape.getLong(2) > Integer.MAX_VALUE || shape.getLong(3) > Integer.MAX_VALUE) {
            throw new IllegalStateException("user or item ids above " + Integer.MAX_VALUE + " do not fit MLlib's int ids");
        }
        int blocks = Math.max(2, positives.sparkSession().sparkContext().defaultParallelism());
        ALS als = new ALS().setImplicitPrefs(true).setRank(parameters.factors()).setAlpha(parameters.alpha())
                .setRegParam(regParam(shape.getLong(0), shape.getLong(1))).setMaxIter(parameters.epochs())
                .setSeed(parameters.seed()).setNonnegative(false)
                .setUserCol("user").setItemCol("item").setRatingCol("weight")
                // one block of users and of items per core: more only add shuffle overhead
                .setNumUserBlocks(blocks).setNumItemBlocks(blocks);
        ALSModel model = als.fit(positives.select(col("user_id").cast("int").as("user"), col("item_id").cast("int").as("item"),
                col("weight").cast("float").as("weight")));
        return new Factors(widened(model.userFactors()), widened(model.itemFactors()));
    }

    /**
     * MLlib's λ: MLlib multiplies it by each row's number of positives, the server does not, so the
     * server's λ over the mean positives per user gives the users their server λ on average (EVALUATION.md
     * has the comparison on one split; the server's λ unchanged ranked at a sixth of its NDCG).
     */
    double regParam(long positives, long users) {
        return parameters.regularization() * users / positives;
    }

    private static Dataset<Row> widened(Dataset<Row> factors) {
        return factors.select(col("id").cast("long").as("id"), col("features"));
    }
}
