/**
 * The one ranking pipeline, the same code for the training job's evaluation and for storefronts:
 * candidate sources (collaborative, content, item-to-item, EASE and RP3beta item weights, trending) over
 * a catalogue's in-memory {@link org.openreco.recommender.ranking.RankingModel}, per-source scores put on
 * one scale, the tuned blend, the request's filters, MMR diversity, the anchor that explains each item,
 * and the fill when the sources run out. Pure: no database, no container; callers build the model and the user from
 * wherever they hold them (a trained split in memory, or PostgreSQL at serving time).
 */
package org.openreco.recommender.ranking;
