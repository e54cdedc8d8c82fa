/**
 * Bulk imports: items, users and events from CSV, JSON-array or NDJSON files (uploaded or on the
 * server), and the MovieLens preset, run as Jakarta Batch chunk jobs that stream the file in constant
 * memory and write through the catalog, users and interactions boundaries. Progress and every
 * rejected record (line, field, reason) are kept in import_run / import_error, so a finished import's
 * error report can be downloaded later.
 */
package org.openreco.recommender.imports;
