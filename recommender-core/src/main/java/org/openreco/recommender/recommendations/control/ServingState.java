package org.openreco.recommender.recommendations.control;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.ranking.RankingModel;

/**
 * What one node holds in memory to rank a catalogue's items: the {@link RankingModel} of the active
 * model version and embedding generation, and the item facts answers and filters need, by item index
 * (items in ascending internal id). Immutable: a change swaps in a new state.
 *
 * @param generationId   the active embedding generation (null: nothing embedded yet)
 * @param model          the generation's embedding model (null with no generation)
 * @param modelVersionId the active collaborative model version (null: none trained yet)
 * @param itemIds        internal item ids, ascending: the index of an item is its position
 * @param available      the items that may be recommended
 * @param trendingUntil  when the trending ranking in {@code ranking} is due for a refresh (nanoTime)
 * @param itemsStamp     what the items looked like when loaded (count, last update, vectors): a
 *                       different stamp means new or changed items to load
 */
public record ServingState(long catalogueId, String name, Long generationId, EmbeddingModel model, Long modelVersionId,
        RankingModel ranking, long[] itemIds, String[] externalIds, String[] titles, List<String>[] categories,
        Map<String, Integer> indexByExternalId, BitSet available, long trendingUntil, String itemsStamp) {

    /** The index of an internal item id; negative when the state does not hold it. */
    public int index(long itemId) {
        return Arrays.binarySearch(itemIds, itemId);
    }

    public boolean hasVectors() {
        return generationId != null;
    }

    public boolean hasCollaborativeModel() {
        return modelVersionId != null;
    }

    /** The same state with another ranking model (trending refreshed). */
    ServingState with(RankingModel ranking, long trendingUntil) {
        return new ServingState(catalogueId, name, generationId, model, modelVersionId, ranking, itemIds, externalIds,
                titles, categories, indexByExternalId, available, trendingUntil, itemsStamp);
    }

    /** The same state with other available items. */
    ServingState with(BitSet available) {
        return new ServingState(catalogueId, name, generationId, model, modelVersionId, ranking, itemIds, externalIds,
                titles, categories, indexByExternalId, available, trendingUntil, itemsStamp);
    }

    /** The state as the pgvector searches know it. */
    ServingGeneration generation() {
        return new ServingGeneration(catalogueId, generationId, model, modelVersionId, ranking.weights(), null);
    }
}
