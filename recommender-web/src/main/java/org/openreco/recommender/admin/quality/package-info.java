/**
 * The console's view of recommendation quality: offline evaluation runs (metrics per algorithm and K,
 * charts, trends across runs, two runs side by side, cold start) and online click-through per source.
 */
package org.openreco.recommender.admin.quality;
