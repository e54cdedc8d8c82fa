package org.openreco.recommender.evaluation.control;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/**
 * Item text vectors for the offline evaluation, encoded once by the real model and kept in a file, so
 * that reruns do not spend minutes of CPU on the same texts. The file is keyed by the model and a
 * SHA-256 of all texts: a changed text or model re-encodes everything.
 */
final class TextVectorCache {

    private static final int MAGIC = 0x7645_6331; // "vEc1"

    private TextVectorCache() {
    }

    /**
     * One vector per text (null for a null text), from {@code file} when it was written for the same
     * model and texts, else from {@code encoder} (called once with every non-null text) and then written.
     */
    static float[][] vectors(EmbeddingModel model, String[] texts, Path file,
            Function<List<String>, List<float[]>> encoder) throws IOException {
        String key = model.modelName() + ":" + digest(texts);
        float[][] cached = read(file, key, texts.length);
        if (cached != null) {
            return cached;
        }
        List<String> present = new ArrayList<>();
        Arrays.stream(texts).filter(t -> t != null).forEach(present::add);
        List<float[]> encoded = encoder.apply(present);
        float[][] vectors = new float[texts.length][];
        for (int i = 0, n = 0; i < texts.length; i++) {
            vectors[i] = texts[i] == null ? null : encoded.get(n++);
        }
        write(file, key, vectors);
        return vectors;
    }

    static String digest(String[] texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                sha.update(text == null ? new byte[] {0} : (text + "\u0001").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[][] read(Path file, String key, int count) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(key) || in.readInt() != count) {
                return null;
            }
            float[][] vectors = new float[count][];
            for (int i = 0; i < count; i++) {
                int dims = in.readInt();
                if (dims < 0) {
                    continue;
                }
                vectors[i] = new float[dims];
                for (int f = 0; f < dims; f++) {
                    vectors[i][f] = in.readFloat();
                }
            }
            return vectors;
        }
    }

    private static void write(Path file, String key, float[][] vectors) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(MAGIC);
            out.writeUTF(key);
            out.writeInt(vectors.length);
            for (float[] v : vectors) {
                out.writeInt(v == null ? -1 : v.length);
                if (v != null) {
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
