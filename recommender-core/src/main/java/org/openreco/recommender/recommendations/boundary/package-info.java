/**
 * The facade storefronts and the console call: {@link org.openreco.recommender.recommendations.boundary.Recommendations}
 * (for a user, similar items, search, from examples, and a console preview that logs no impressions),
 * with the queries it takes and the answers it gives.
 */
package org.openreco.recommender.recommendations.boundary;
