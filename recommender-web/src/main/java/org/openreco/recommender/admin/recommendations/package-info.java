/** What the recommender answers, seen from the console: a user's live recommendations and semantic search. */
package org.openreco.recommender.admin.recommendations;
