package org.openreco.recommender.spark;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * MLlib's implicit ALS with the server's model: preference 1 on a positive of weight w with confidence
 * 1 + alpha·w, preference 0 with confidence 1 elsewhere (Hu, Koren, Volinsky 2008), the version's
 * factors, λ, epochs and seed. One difference stays: MLlib scales λ by each row's number of
 * positives (ALS-WR), the server does not; EVALUATION.md compares the two on one split.
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
        Row range = positives.agg(org.apache.spark.sql.functions.max("user_id"), org.apache.spark.sql.functions.max("item_id"))
                .first();
        if (!range.isNullAt(0) && (range.getLong(0) > Integer.MAX_VALUE || range.getLong(1) > Integer.MAX_VALUE)) {
            throw new IllegalStateException("user or item ids above " + Integer.MAX_VALUE + " do not fit MLlib's int ids");
        }
        ALS als = new ALS().setImplicitPrefs(true).setRank(parameters.factors()).setAlpha(parameters.alpha())
                .setRegParam(regParam(positives)).setMaxIter(parameters.epochs()).setSeed(parameters.seed())
                .setUserCol("user").setItemCol("item").setRatingCol("weight").setNonnegative(false)
                // one block of users and of items per core: more only add shuffle overhead
                .setNumUserBlocks(blocks(positives)).setNumItemBlocks(blocks(positives));
        ALSModel model = als.fit(positives.select(col("user_id").cast("int").as("user"), col("item_id").cast("int").as("item"),
                col("weight").cast("float").as("weight")));
        return new Factors(widened(model.userFactors()), widened(model.itemFactors()));
    }

    private static int blocks(Dataset<Row> positives) {
        return Math.max(2, positives.sparkSession().sparkContext().defaultParallelism());
    }

    static double probe = Double.NaN;

    /** MLlib's λ (scaled per row by its positives): the server's λ over the mean positives per user. */
    double regParam(Dataset<Row> positives) {
        if (!Double.isNaN(probe)) {
            return probe;
        }
        Row counts = positives.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.countDistinct(col("user_id"))).first();
        return parameters.regularization() * counts.getLong(1) / counts.getLong(0);
    }

    private static Dataset<Row> widened(Dataset<Row> factors) {
        return factors.select(col("id").cast("long").as("id"), col("features"));
    }
}
