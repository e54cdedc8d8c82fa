package org.openreco.recommender.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openreco.recommender.demo.control.DemoShop;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.control.DjlTextEncoder;

/**
 * Raw encoder throughput (not a test; run by bin/benchmark-encoder): docs/s of the DjlTextEncoder the
 * server runs, one caller, per model and texts-per-model-call, on item texts built as the re-embedding
 * batches will build them (title, categories, tags, description). Loading the model and a warm-up are
 * not timed.
 *
 * <p>Arguments: {@code --docs=3000 --batch-sizes=1,8,16,32 --models=all-minilm-l6-v2,all-minilm-l6-v2-q
 * --call-size=256 [--movielens=<folder of movies.csv>]}.
 */
public final class EncoderBenchmark {

    public static void main(String[] args) throws IOException {
        var options = options(args);
        int docs = Integer.parseInt(options.getOrDefault("docs", "3000"));
        int callSize = Integer.parseInt(options.getOrDefault("call-size", "256"));
        var batchSizes = split(options.getOrDefault("batch-sizes", "1,8,16,32")).stream().map(Integer::parseInt).toList();
        var models = split(options.getOrDefault("models", "all-minilm-l6-v2,all-minilm-l6-v2-q")).stream()
                .map(name -> EmbeddingModel.named(name).orElseThrow(() -> new IllegalArgumentException("no model " + name)))
                .toList();
        Path modelsDir = Path.of(System.getProperty("recommender.models.dir"));

        var datasets = new LinkedHashMap<String, List<String>>();
        datasets.put("demo shop products", cycle(demoShopTexts(), docs));
        if (options.containsKey("movielens") && Files.isRegularFile(Path.of(options.get("movielens"), "movies.csv"))) {
            datasets.put("MovieLens movies", cycle(movieLensTexts(Path.of(options.get("movielens"))), docs));
        }

        System.out.println("== data");
        datasets.forEach((name, texts) -> System.out.printf(Locale.ROOT,
                "%s: %,d texts (%,d distinct), mean %.0f characters / %.0f words; e.g. \"%s\"%n", name, texts.size(),
                texts.stream().distinct().count(), texts.stream().mapToInt(String::length).average().orElse(0),
                texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0), abbreviate(texts.getFirst())));
        System.out.printf(Locale.ROOT, "one caller thread, encode() called with %d texts at a time (the encoder sorts "
                + "each call's texts by length and runs them through the model in batches of the given size)%n", callSize);
        System.out.println("== results (docs/s)");
        for (var dataset : datasets.entrySet()) {
            for (var model : models) {
                for (int batchSize : batchSizes) {
                    try (var encoder = new DjlTextEncoder(modelsDir, batchSize)) {
                        var texts = dataset.getValue();
                        encoder.encode(model, texts.subList(0, Math.min(texts.size(), 200))); // load + warm-up
                        long started = System.nanoTime();
                        for (int from = 0; from < texts.size(); from += callSize) {
                            encoder.encode(model, texts.subList(from, Math.min(from + callSize, texts.size())));
                        }
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.out.printf(Locale.ROOT, "%-20s %-20s batch %3d: %,7.0f docs/s  (%,d docs in %.1f s)%n",
                                dataset.getKey(), model.modelName(), batchSize, texts.size() / seconds, texts.size(), seconds);
                    }
                }
            }
        }
    }

    /** The demo shop's 300 products as item texts: title, categories, description. */
    static List<String> demoShopTexts() {
        return DemoShop.products().stream()
                .map(p -> p.title() + ". " + String.join(", ", p.categories()) + ". " + (p.description() == null ? "" : p.description()))
                .toList();
    }

    /** MovieLens movies as item texts: title, genres, and the movie's distinct tags from tags.csv. */
    static List<String> movieLensTexts(Path folder) throws IOException {
        Map<String, List<String>> tags = new HashMap<>();
        Path tagsFile = folder.resolve("tags.csv");
        if (Files.isRegularFile(tagsFile)) {
            for (String line : Files.readAllLines(tagsFile).subList(1, Files.readAllLines(tagsFile).size())) {
                var fields = csv(line); // userId,movieId,tag,timestamp
                if (fields.size() >= 3) {
                    var list = tags.computeIfAbsent(fields.get(1), k -> new ArrayList<>());
                    String tag = fields.get(2).toLowerCase(Locale.ROOT);
                    if (!list.contains(tag)) {
                        list.add(tag);
                    }
                }
            }
        }
        var texts = new ArrayList<String>();
        var lines = Files.readAllLines(folder.resolve("movies.csv"));
        for (String line : lines.subList(1, lines.size())) {
            var fields = csv(line); // movieId,title,genres
            String text = fields.get(1) + ". " + fields.get(2).replace('|', ',').replace(",", ", ");
            var movieTags = tags.getOrDefault(fields.get(0), List.of());
            texts.add(movieTags.isEmpty() ? text : text + ". " + String.join(", ", movieTags));
        }
        return texts;
    }

    /** One CSV line with double-quoted fields (movie titles hold commas). */
    static List<String> csv(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    static List<String> cycle(List<String> texts, int count) {
        var cycled = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            cycled.add(texts.get(i % texts.size()));
        }
        return cycled;
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    private static List<String> split(String list) {
        return List.of(list.split(","));
    }

    private static Map<String, String> options(String[] args) {
        return java.util.Arrays.stream(args)
                .filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
    }
}
