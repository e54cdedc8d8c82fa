/**
 * The collaborative model trained on Apache Spark, for catalogues that outgrow one server's heap: a job
 * the server launches as a process of its own (or submits to a cluster) for a model version it opened.
 * The job reads the catalogue's events from PostgreSQL in partitions, sums them into positives as the
 * server does, trains MLlib's implicit ALS and the item-kNN neighbours, and writes factors and
 * neighbours into the version's rows; the server then evaluates, stores the item weights and activates
 * the version as after an in-server training. Progress goes to the version's row, errors to the exit code.
 */
package org.openreco.recommender.spark;
