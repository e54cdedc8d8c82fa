package org.openreco.recommender.recommendations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImpressionRetentionTest {

    @Test
    void the_retention_is_a_positive_number_of_days_else_the_default() {
        assertEquals(30, ImpressionRetention.retentionDays(" 30 "));
        assertEquals(ImpressionRetention.MAX_DAYS, ImpressionRetention.retentionDays("99999"));
        for (String wrong : new String[] {null, "", "0", "-5", "ninety", "1.5"}) {
            assertEquals(ImpressionRetention.DEFAULT_DAYS, ImpressionRetention.retentionDays(wrong), wrong);
        }
    }
}
