package org.openreco.recommender.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The item-to-item neighbours the server's item-kNN keeps (ItemKnn, binarised): the cosine of two items'
 * user sets, |U_i ∩ U_j| / √(|U_i|·|U_j|), over the positives, the {@code k} most similar other items per
 * item, ties to the lower item id. Co-occurrences are counted over each user's pairs of items, so the
 * cost is Σ over users of their positives squared, as in the server; no item × item matrix is formed.
 * Columns {@code item_id, neighbour_ids array<bigint>, similarities array<float>}, best first.
 */
final class CooccurrenceNeighbours {

    private final int k;

    CooccurrenceNeighbours(int k) {
        this.k = k;
    }

    /** @param positives {@code user_id, item_id} (one row per pair) */
    Dataset<Row> neighbours(Dataset<Row> positives) {
        Dataset<Row> pairs = positives.select("user_id", "item_id");
        // each item's number of users rides along with it, so the pairs need no join afterwards
        Dataset<Row> degree = pairs.groupBy("item_id").agg(count(lit(1)).as("n"));
        Dataset<Row> counted = pairs.join(broadcast(degree), "item_id");
        // each user's items, then every ordered pair of them counted: the counting is partially
        // aggregated before the shuffle
        Dataset<Row> together = counted.groupBy("user_id").agg(collect_list(struct(col("item_id"), col("n"))).as("items"))
                .select(explode(col("items")).as("a"), col("items"))
                .select(col("a"), explode(col("items")).as("b"))
                .where(col("a.item_id").notEqual(col("b.item_id")))
                .groupBy(col("a.item_id").as("item"), col("b.item_id").as("other"), col("a.n").as("n_item"), col("b.n").as("n_other"))
                .agg(count(lit(1)).as("both"));
        // the server computes the cosine in double and keeps it as a float: so does the ranking here
        Dataset<Row> similar = together.select(col("item"), col("other"),
                col("both").divide(sqrt(col("n_item")).multiply(sqrt(col("n_other")))).cast("float").as("similarity"));
        Dataset<Row> kept = similar
                .withColumn("rank", row_number().over(Window.partitionBy("item").orderBy(col("similarity").desc(), col("other").asc())))
                .where(col("rank").leq(k));
        return kept.groupBy("item")
                .agg(sort_array(collect_list(struct(col("rank"), col("other"), col("similarity")))).as("best"))
                .select(col("item").as("item_id"), col("best.other").as("neighbour_ids"), col("best.similarity").as("similarities"));
    }
}
