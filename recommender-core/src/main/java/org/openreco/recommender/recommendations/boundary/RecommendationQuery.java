package org.openreco.recommender.recommendations.boundary;

import java.util.List;
import java.util.Map;
import org.openreco.recommender.platform.boundary.InputChecks;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * What a storefront asks for: how many items, any-of categories, item ids to leave out, attributes
 * that must match (string values; "1995" also matches the number 1995, "true" the boolean), and for a
 * user's recommendations how much to diversify (MMR's λ, 0 = by score alone).
 */
public record RecommendationQuery(int n, List<String> categories, List<String> exclude, Map<String, String> attributes,
        double diversity) {

    public static final int DEFAULT_N = 10;
    public static final int MAX_N = 100;
    public static final int MAX_CATEGORIES = 50;
    public static final int MAX_EXCLUDED = 1_000;
    public static final int MAX_ATTRIBUTES = 20;

    public RecommendationQuery {
        categories = categories == null ? List.of() : List.copyOf(categories);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public RecommendationQuery(int n, List<String> categories, List<String> exclude, Map<String, String> attributes) {
        this(n, categories, exclude, attributes, 0);
    }

    public static RecommendationQuery top(int n) {
        return new RecommendationQuery(n, List.of(), List.of(), Map.of());
    }

    public RecommendationQuery withDiversity(double lambda) {
        return new RecommendationQuery(n, categories, exclude, attributes, lambda);
    }

    /** Throws {@link InvalidInputException} naming the first field that breaks a rule. */
    public RecommendationQuery validated() {
        requireN(n);
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new InvalidInputException("diversity", "must be a number between 0 and 1 (is " + diversity + ")");
        }
        problem("category", InputChecks.labels(categories, MAX_CATEGORIES, 200));
        problem("exclude", InputChecks.labels(exclude, MAX_EXCLUDED, InputChecks.EXTERNAL_ID_MAX_LENGTH));
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InvalidInputException("attr", "must name at most " + MAX_ATTRIBUTES + " attributes");
        }
        for (var attribute : attributes.entrySet()) {
            if (attribute.getKey().isBlank()) {
                throw new InvalidInputException("attr", "needs a key: attr.<key>=<value>");
            }
            problem("attr." + attribute.getKey(), InputChecks.text(attribute.getKey() + attribute.getValue(), 1_000));
        }
        return this;
    }

    static void requireN(int n) {
        if (n < 1 || n > MAX_N) {
            throw new InvalidInputException("n", "must be between 1 and " + MAX_N + " (is " + n + ")");
        }
    }

    private static void problem(String field, String problem) {
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
    }
}
