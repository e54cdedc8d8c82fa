/**
 * The language models behind {@link org.openreco.recommender.embedding.boundary.TextEncoder}: DJL with ONNX
 * Runtime and the HuggingFace tokenizer (the server module {@code ai.djl}), the models' files on disk, and
 * the grouping of texts by length that keeps padding low.
 */
package org.openreco.recommender.embedding.control;
