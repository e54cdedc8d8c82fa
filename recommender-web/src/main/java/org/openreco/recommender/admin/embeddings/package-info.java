/** The console's view of a catalogue's embeddings: model, generations, queue, batch figures, parked marks. */
package org.openreco.recommender.admin.embeddings;
