/**
 * The database as the application sees it from outside its components: the schema's migrations
 * (resources under db/migration, applied by core at start) and the readiness check that reports
 * whether the database answers.
 */
package org.openreco.recommender.db;
