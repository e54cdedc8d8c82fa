package org.openreco.recommender.api;

import java.util.List;

/** Vectors as JSON arrays of numbers (JSON-B writes float[] so). */
public record EncodedJson(String model, int dimensions, List<float[]> vectors) {
}
