package org.openreco.recommender.interactions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventWriterTest {

    @Test
    void the_ingest_statement_timeout_is_a_positive_number_of_milliseconds_else_the_default() {
        assertEquals(8_000, EventWriter.timeoutMillis("8000"));
        for (String wrong : new String[] {null, "", "0", "-1", "30s", "1234567890"}) {
            assertEquals(EventWriter.DEFAULT_TIMEOUT_MILLIS, EventWriter.timeoutMillis(wrong), wrong);
        }
    }
}
