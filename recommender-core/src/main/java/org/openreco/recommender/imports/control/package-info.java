/**
 * The import jobs' parts: record sources per format (streaming), the mapping to items/users/events,
 * the MovieLens preset, the chunk reader/processor/writer and listeners, and the ledger that keeps
 * progress and rejected records.
 */
package org.openreco.recommender.imports.control;
