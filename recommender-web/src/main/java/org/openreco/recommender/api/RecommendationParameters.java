package org.openreco.recommender.api;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.recommendations.boundary.RecommendationQuery;

/**
 * The query parameters the recommendation endpoints share: {@code n}, repeated {@code category} and
 * {@code exclude} (also comma-separated), {@code attr.<key>=<value>} and {@code diversity} (MMR's λ,
 * 0–1; only a user's recommendations use it). Parsed by hand so that a bad {@code n} or
 * {@code diversity} is a 400 naming it (a JAX-RS int parameter would answer 404).
 */
final class RecommendationParameters {

    private static final String ATTRIBUTE = "attr.";

    private RecommendationParameters() {
    }

    static RecommendationQuery of(MultivaluedMap<String, String> parameters) {
        var attributes = new LinkedHashMap<String, String>();
        for (var parameter : parameters.entrySet()) {
            if (parameter.getKey().startsWith(ATTRIBUTE)) {
                attributes.put(parameter.getKey().substring(ATTRIBUTE.length()), parameter.getValue().getFirst());
            }
        }
        return new RecommendationQuery(n(parameters.getFirst("n")), list(parameters.get("category")),
                list(parameters.get("exclude")), attributes, diversity(parameters.getFirst("diversity"))).validated();
    }

    static double diversity(String diversity) {
        if (diversity == null || diversity.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(diversity.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("diversity", "must be a number between 0 and 1");
        }
    }

    static int n(String n) {
        if (n == null || n.isBlank()) {
            return RecommendationQuery.DEFAULT_N;
        }
        try {
            return Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("n", "must be a whole number between 1 and " + RecommendationQuery.MAX_N);
        }
    }

    private static List<String> list(List<String> values) {
        var all = new ArrayList<String>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",", -1)) {
                    all.add(part.strip());
                }
            }
        }
        return all;
    }
}
