package org.openreco.recommender.recommendations.boundary;

import java.util.List;
import org.openreco.recommender.platform.boundary.InputChecks;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/** "More like these, not like those": item ids to move towards and away from, and the usual filters. */
public record ExampleQuery(List<String> positive, List<String> negative, RecommendationQuery filters) {

    public static final int MAX_EXAMPLES = 100;

    public ExampleQuery {
        positive = positive == null ? List.of() : List.copyOf(positive);
        negative = negative == null ? List.of() : List.copyOf(negative);
    }

    public ExampleQuery validated() {
        if (positive.isEmpty()) {
            throw new InvalidInputException("positive", "must name at least one item");
        }
        check("positive", InputChecks.labels(positive, MAX_EXAMPLES, InputChecks.EXTERNAL_ID_MAX_LENGTH));
        check("negative", InputChecks.labels(negative, MAX_EXAMPLES, InputChecks.EXTERNAL_ID_MAX_LENGTH));
        if (filters == null) {
            throw new InvalidInputException("n", "is required");
        }
        filters.validated();
        return this;
    }

    private static void check(String field, String problem) {
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
    }
}
