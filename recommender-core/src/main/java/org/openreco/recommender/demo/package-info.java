/**
 * The demo catalogue: a shop the project generates itself (products in five categories with titles
 * and descriptions composed from curated word lists, and simulated users with consistent tastes),
 * loaded once into an empty database when RECOMMENDER_DEMO=true (bin/run sets it unless --no-demo),
 * so that a fresh installation has something real-looking to show.
 */
package org.openreco.recommender.demo;
