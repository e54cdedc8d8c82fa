package org.openreco.recommender.recommendations.boundary;

import java.time.LocalDate;

/**
 * One UTC day of one candidate source: the items shown, how many of those impressions were clicked
 * (an event with a positive weight carrying the answer's request id, for that item) and their ratio.
 */
public record DailyClickThrough(LocalDate day, String source, long impressions, long clicks, double ctr) {
}
