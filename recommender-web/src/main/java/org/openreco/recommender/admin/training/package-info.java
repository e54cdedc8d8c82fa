/**
 * The console's training of a catalogue's collaborative model: parameters and a Train button, the
 * running training's live progress and loss, the model versions with activation and roll back.
 */
package org.openreco.recommender.admin.training;
