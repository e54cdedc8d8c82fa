package org.openreco.recommender.api;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.recommendations.boundary.ExampleQuery;
import org.openreco.recommender.recommendations.boundary.RecommendationQuery;
import org.openreco.recommender.recommendations.boundary.Recommendations;

/**
 * "More like these, not like those": {@code {"positive": [ids], "negative": [ids], "n": 10, "category": [...],
 * "exclude": [...], "attributes": {"key": "value"}}}.
 */
@Path("catalogues/{catalogue}/recommend")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class RecommendResource {

    @Inject
    Recommendations recommendations;

    @POST
    @BodyLimit(64 * 1024)
    @Operation(summary = "Items like the positive examples and unlike the negative ones",
            description = "Qdrant's average-vector strategy: nearest to 2·mean(positive) − mean(negative); the examples themselves are left out.")
    @APIResponse(responseCode = "200")
    public RecommendationsJson recommend(@PathParam("catalogue") String catalogue, InputStream body) {
        if (!(JsonBodies.read(body) instanceof JsonObject request)) {
            throw new InvalidInputException("positive", "the body must be a JSON object with a 'positive' list of item ids");
        }
        var filters = new RecommendationQuery(n(request.get("n")), strings(request, "category"), strings(request, "exclude"),
                attributes(request.get("attributes")));
        return RecommendationsJson.of(recommendations.fromExamples(catalogue,
                new ExampleQuery(strings(request, "positive"), strings(request, "negative"), filters)));
    }

    private static int n(JsonValue n) {
        if (n == null || n == JsonValue.NULL) {
            return RecommendationQuery.DEFAULT_N;
        }
        if (n instanceof JsonNumber number && number.isIntegral()) {
            return number.bigIntegerValue().min(java.math.BigInteger.valueOf(Integer.MAX_VALUE))
                    .max(java.math.BigInteger.valueOf(Integer.MIN_VALUE)).intValue();
        }
        throw new InvalidInputException("n", "must be a whole number between 1 and " + RecommendationQuery.MAX_N);
    }

    private static List<String> strings(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInputException(field, "must be a list of strings");
        }
        var strings = new ArrayList<String>(array.size());
        for (JsonValue element : array) {
            if (!(element instanceof JsonString string)) {
                throw new InvalidInputException(field, "must be a list of strings");
            }
            strings.add(string.getString());
        }
        return strings;
    }

    private static Map<String, String> attributes(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException("attributes", "must be an object of attribute values");
        }
        var attributes = new LinkedHashMap<String, String>();
        for (var entry : object.entrySet()) {
            attributes.put(entry.getKey(), entry.getValue() instanceof JsonString s ? s.getString() : entry.getValue().toString());
        }
        return attributes;
    }
}
