/**
 * Offline evaluation: splits of an interaction log (random per-user holdout, per-user leave-last-n-out,
 * global time cut), full-ranking top-K metrics computed by one evaluator for every algorithm, the
 * search of hybrid blend weights on a validation split, and the runnable evaluation on real data sets.
 */
package org.openreco.recommender.evaluation;
