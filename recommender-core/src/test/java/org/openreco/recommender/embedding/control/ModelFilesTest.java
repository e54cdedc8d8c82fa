package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

class ModelFilesTest {

    @TempDir
    Path models;

    @Test
    void a_model_lives_in_the_folder_of_its_name() throws IOException {
        Path folder = Files.createDirectories(models.resolve("bge-small-zh-v15"));
        Files.writeString(folder.resolve("model.onnx"), "onnx");
        Files.writeString(folder.resolve("tokenizer.json"), "{}");

        assertEquals(folder, new ModelFiles(models).folderOf(EmbeddingModel.BGE_SMALL_ZH));
    }

    @Test
    void a_missing_file_is_reported_with_the_model_and_the_path() throws IOException {
        Path folder = Files.createDirectories(models.resolve("all-minilm-l6-v2"));
        Files.writeString(folder.resolve("model.onnx"), "onnx");

        var e = assertThrows(ModelFilesMissingException.class, () -> new ModelFiles(models).folderOf(EmbeddingModel.MINILM));

        assertTrue(e.getMessage().contains("'all-minilm-l6-v2'"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.resolve("tokenizer.json").toString()), e.getMessage());
    }

    @Test
    void without_a_models_folder_the_message_names_the_system_property() {
        var e = assertThrows(ModelFilesMissingException.class, () -> new ModelFiles(null).folderOf(EmbeddingModel.MINILM_Q));

        assertTrue(e.getMessage().contains("'all-minilm-l6-v2-q'"), e.getMessage());
        assertTrue(e.getMessage().contains(ModelFiles.PROPERTY), e.getMessage());
    }
}
