/**
 * The console's landing page: how much data the platform holds right now, read from the core's
 * {@code Monitoring} facade and refreshed by polling while the page is open.
 */
package org.openreco.recommender.admin.dashboard;
