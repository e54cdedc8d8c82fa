/**
 * Trained collaborative models: the compact interaction matrix, implicit ALS (with the closed-form
 * fold-in used for quasi-real-time user updates), item-to-item neighbours, popularity and a content
 * scorer over item vectors, all behind one {@link org.openreco.recommender.training.control.Scorer}
 * so that the offline evaluation and the ranking treat them alike. Pure Java, no dependencies.
 */
package org.openreco.recommender.training;
