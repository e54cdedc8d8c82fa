package org.openreco.recommender.embedding.control;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * Where the models lie: {@code <models dir>/<model name>/model.onnx + tokenizer.json}, unpacked from the
 * models' Maven artifacts by the server's provisioning (and by the core module's test build). The folder
 * comes from the setting {@value #PROPERTY} (a system property bin/server.sh sets).
 */
public final class ModelFiles {

    public static final String PROPERTY = "recommender.models.dir";
    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private final Path modelsDir;

    public ModelFiles(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    /** The folder {@value #PROPERTY} names; null when it is not set (every model is then missing). */
    public static ModelFiles fromSystemProperty() {
        String dir = Settings.value(PROPERTY);
        return new ModelFiles(dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /** The model's folder, holding both files; else an exception that names the model and what is missing. */
    public Path folderOf(EmbeddingModel model) {
        if (modelsDir == null) {
            throw new ModelFilesMissingException(model, "the setting " + PROPERTY
                    + " does not name the models folder (bin/server.sh sets it to the provisioned server's models/)");
        }
        Path folder = modelsDir.resolve(model.modelName());
        for (String file : new String[] {MODEL_FILE, TOKENIZER_FILE}) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new ModelFilesMissingException(model, folder.resolve(file) + " does not exist ("
                        + PROPERTY + "=" + modelsDir + "; the server's provisioning unpacks the model's Maven artifact there)");
            }
        }
        return folder;
    }
}
