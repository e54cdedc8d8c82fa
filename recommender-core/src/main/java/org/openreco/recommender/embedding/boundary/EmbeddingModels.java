package org.openreco.recommender.embedding.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.openreco.recommender.embedding.control.DjlTextEncoder;
import org.openreco.recommender.platform.boundary.InputChecks;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/** The embedding models for the admin: which exist, which are in memory, and encoding texts to try one out. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddingModels {

    public static final int MAX_TEXTS = 64;

    /** A model and whether it has been loaded (models load on first use). */
    public record ModelState(EmbeddingModel model, boolean loaded) {
    }

    @Inject
    DjlTextEncoder encoder;

    public List<ModelState> list() {
        return Arrays.stream(EmbeddingModel.values())
                .map(model -> new ModelState(model, encoder.isLoaded(model)))
                .toList();
    }

    public EmbeddingModel get(String name) {
        return EmbeddingModel.named(name)
                .orElseThrow(() -> new NotFoundException("embedding model '" + name + "' does not exist"));
    }

    /** One unit-length vector per text, in order; 1 to {@value #MAX_TEXTS} texts of at most 16 KiB each. */
    public List<float[]> encode(EmbeddingModel model, List<String> texts) {
        requireValid(texts);
        return encoder.encode(model, texts);
    }

    static void requireValid(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new InvalidInputException("texts", "must hold 1 to " + MAX_TEXTS + " texts");
        }
        if (texts.size() > MAX_TEXTS) {
            throw new InvalidInputException("texts", "must hold at most " + MAX_TEXTS + " texts (has " + texts.size() + ")");
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String problem = text == null ? "is required" : InputChecks.longText(text);
            if (problem != null) {
                throw new InvalidInputException("texts[" + i + "]", problem);
            }
        }
    }
}
