/** The vocabulary of serving: where a recommendation came from. */
package org.openreco.recommender.recommendations.entity;
