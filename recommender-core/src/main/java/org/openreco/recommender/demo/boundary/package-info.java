/** Loads the demo catalogue at start-up when asked to and the database holds no catalogue yet. */
package org.openreco.recommender.demo.boundary;
