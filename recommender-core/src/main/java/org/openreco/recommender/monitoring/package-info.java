/**
 * What operators watch: counts of the stored data now, and later queue depth, freshness lag and
 * click-through, read by the console's dashboard and the admin API.
 */
package org.openreco.recommender.monitoring;
