package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exception chains below are the ones Yasson 3 (WildFly 39) throws for these bodies. */
class BodyProblemTest {

    record Body(String title, JsonObject attributes, List<String> categories, Integer factors) {
    }

    @Test
    void a_number_field_given_a_string_is_named_with_the_kind_it_needs() {
        var problem = BodyProblem.of(chain(
                "Unable to deserialize property 'factors' because of: Error deserialize JSON value into type: class java.lang.Integer.",
                "Error deserialize JSON value into type: class java.lang.Integer.",
                "For input string: \"many\""), Body.class);

        assertEquals("factors", problem.field());
        assertEquals("factors has the wrong type: it must be a whole number", problem.message());
    }

    @Test
    void a_nested_field_is_named_by_its_path() {
        var problem = BodyProblem.of(chain(
                "Unable to deserialize property 'inner' because of: Unable to deserialize property 'n' because of: x",
                "Unable to deserialize property 'n' because of: Incorrect position for processing type: interface java.util.List.",
                "Incorrect position for processing type: interface java.util.List. Received event: VALUE_STRING"), null);

        assertEquals("inner.n", problem.field());
        assertEquals("inner.n has the wrong type: it must be an array", problem.message());
    }

    @Test
    void an_object_field_of_a_record_given_a_string_is_found_through_the_record() {
        var problem = BodyProblem.of(chain("Internal error: argument type mismatch", "argument type mismatch",
                "Cannot cast org.eclipse.parsson.JsonStringImpl to jakarta.json.JsonObject"), Body.class);

        assertEquals("attributes", problem.field());
        assertFalse(problem.message().contains("parsson"), problem.message());
        assertEquals("attributes has the wrong type: it must be an object", problem.message());
    }

    @Test
    void broken_json_keeps_the_parsers_position_and_internals_never_show() {
        var syntax = BodyProblem.of(new ProcessingException(new JsonParsingException("Unexpected char 125 at (line no=1)",
                (JsonLocation) null)), Body.class);
        var unknown = BodyProblem.of(chain("Internal error: argument type mismatch", "argument type mismatch",
                "Cannot cast org.eclipse.parsson.JsonStringImpl to org.example.Thing"), null);

        assertNull(syntax.field());
        assertEquals("the request body is not valid JSON: Unexpected char 125 at (line no=1)", syntax.message());
        assertNull(unknown.field());
        assertEquals("the request body does not fit this endpoint", unknown.message());
    }

    /** A ProcessingException wrapping JSON-B exceptions with these messages, outermost first. */
    private static ProcessingException chain(String... messages) {
        Throwable cause = null;
        for (int i = messages.length - 1; i >= 0; i--) {
            cause = i == messages.length - 1 ? new RuntimeException(messages[i]) : new JsonbException(messages[i], cause);
        }
        return new ProcessingException(cause);
    }
}
