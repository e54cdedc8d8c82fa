package org.openreco.recommender.api;

import jakarta.json.stream.JsonParsingException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client needs to know about a body JSON-B could not read: the field (a dotted path for nested
 * objects) and the kind of value it wants, read from the binder's exception chain. The binder's own
 * words name parser classes and reflection errors, which say nothing to a client, so they are not passed on;
 * only a syntax error keeps the parser's message, which says where the JSON broke.
 */
record BodyProblem(String field, String message) {

    private static final Pattern PROPERTY = Pattern.compile("Unable to deserialize property '([^']+)'");
    private static final Pattern TYPE = Pattern.compile("(?:type: (?:class|interface) |Cannot cast \\S+ to )([\\w$]+(?:\\.[\\w$]+)*)");
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("java.lang.Integer", "a whole number"), Map.entry("int", "a whole number"),
            Map.entry("java.lang.Long", "a whole number"), Map.entry("long", "a whole number"),
            Map.entry("java.lang.Double", "a number"), Map.entry("double", "a number"),
            Map.entry("java.lang.Float", "a number"), Map.entry("float", "a number"),
            Map.entry("java.math.BigDecimal", "a number"),
            Map.entry("java.lang.Boolean", "true or false"), Map.entry("boolean", "true or false"),
            Map.entry("java.lang.String", "a string"),
            Map.entry("java.util.List", "an array"), Map.entry("java.util.Collection", "an array"),
            Map.entry("jakarta.json.JsonArray", "an array"),
            Map.entry("java.util.Map", "an object"), Map.entry("jakarta.json.JsonObject", "an object"));

    /**
     * @param failure what the binder threw
     * @param target the type the body was read into (null when unknown): names the field when the binder
     *               does not, as for a record component of a JSON type given another kind of value
     */
    static BodyProblem of(Throwable failure, Class<?> target) {
        List<String> path = new ArrayList<>();
        String type = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonParsingException syntax) {
                return new BodyProblem(null, "the request body is not valid JSON: " + syntax.getMessage());
            }
            String text = cause.getMessage() == null ? "" : cause.getMessage();
            Matcher property = PROPERTY.matcher(text);
            if (property.lookingAt()) {
                path.add(property.group(1)); // outermost first: a nested field's path
            }
            Matcher typed = TYPE.matcher(text);
            if (typed.find()) {
                type = typed.group(1);
            }
        }
        String kind = type == null ? null : KINDS.get(type);
        if (path.isEmpty() && type != null && target != null && target.isRecord()) {
            String only = onlyComponentOfType(target, type);
            if (only != null) {
                path.add(only);
            }
        }
        String field = path.isEmpty() ? null : String.join(".", path);
        if (field == null) {
            return new BodyProblem(null, "the request body does not fit this endpoint"
                    + (kind == null ? "" : ": a value must be " + kind));
        }
        return new BodyProblem(field, field + " has the wrong type" + (kind == null ? "" : ": it must be " + kind));
    }

    private static String onlyComponentOfType(Class<?> record, String type) {
        var matching = Arrays.stream(record.getRecordComponents()).filter(component -> component.getType().getName().equals(type))
                .map(RecordComponent::getName).toList();
        return matching.size() == 1 ? matching.getFirst() : null;
    }
}
