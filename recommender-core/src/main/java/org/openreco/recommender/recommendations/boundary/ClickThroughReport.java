package org.openreco.recommender.recommendations.boundary;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalogue's click-through from {@code from} to {@code to} (UTC days, both included): one row per day
 * and source that had impressions, oldest first; days without impressions have no row.
 */
public record ClickThroughReport(String catalogue, LocalDate from, LocalDate to, List<DailyClickThrough> days) {
}
