package org.openreco.recommender.imports.control;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.ServerFolders;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * The folders an import may read a server-side file from: those the operator lists in
 * {@code RECOMMENDER_IMPORT_DIRS} (separated by ':'), else {@code recommender/imports} in the server's
 * data folder. A path counts only after its links are resolved, so a link inside a folder cannot lead
 * outside it. A refused path is answered with one message whether it exists or not: the API must not
 * become a way to probe the server's disk.
 */
public final class ImportFolders {

    public static final String VARIABLE = "RECOMMENDER_IMPORT_DIRS";
    /** The setting whose environment variable is {@value #VARIABLE}. */
    static final String SETTING = "recommender.import-dirs";

    private final List<Path> folders;

    ImportFolders(List<Path> folders) {
        this.folders = folders.stream().map(folder -> folder.toAbsolutePath().normalize()).toList();
    }

    /** The folders configured for this server. */
    public static ImportFolders configured() {
        String listed = Settings.value(SETTING);
        Path fallback = ServerFolders.data().resolve("imports");
        if (listed == null || listed.isBlank()) {
            try {
                Files.createDirectories(fallback); // so the operator finds where to put files
            } catch (IOException e) {
                // refused paths say which variable to set; nothing else depends on the folder
            }
        }
        return of(listed, fallback);
    }

    static ImportFolders of(String listed, Path fallback) {
        if (listed == null || listed.isBlank()) {
            return new ImportFolders(List.of(fallback));
        }
        return new ImportFolders(Arrays.stream(listed.split(File.pathSeparator))
                .map(String::strip).filter(entry -> !entry.isEmpty()).map(Path::of).toList());
    }

    /** Exactly these folders (e.g. the upload folder, for the files the server stored itself). */
    public static ImportFolders of(Path... folders) {
        return new ImportFolders(List.of(folders));
    }

    public List<Path> folders() {
        return folders;
    }

    /** The real path of a readable file inside the folders; a 400 on "path" otherwise. */
    public Path file(String path) {
        return inside(path).filter(Files::isRegularFile).filter(Files::isReadable).orElseThrow(ImportFolders::refused);
    }

    /**
     * The real path of a folder inside the folders whose required files are readable files inside them too;
     * an optional file, when present, must lie inside them as well.
     */
    public Path folder(String path, List<String> required, List<String> optional) {
        Path real = inside(path).filter(Files::isDirectory).orElseThrow(ImportFolders::refused);
        for (String name : required) {
            if (inside(real.resolve(name).toString()).filter(Files::isRegularFile).filter(Files::isReadable).isEmpty()) {
                throw new InvalidInputException("path", "must be a folder with " + String.join(", ", required)
                        + " inside the server's import folders (" + VARIABLE + ")");
            }
        }
        for (String name : optional) {
            Path file = real.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && inside(file.toString()).isEmpty()) {
                throw new InvalidInputException("path", name + " must lie inside the server's import folders (" + VARIABLE + ")");
            }
        }
        return real;
    }

    /** The link-free absolute path when it lies in one of the folders (whose own links are resolved too). */
    Optional<Path> inside(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        Path real;
        try {
            real = Path.of(path.strip()).toRealPath();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return folders.stream().map(ImportFolders::real).flatMap(Optional::stream).anyMatch(real::startsWith)
                ? Optional.of(real) : Optional.empty();
    }

    private static Optional<Path> real(Path folder) {
        try {
            return Optional.of(folder.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static InvalidInputException refused() {
        return new InvalidInputException("path", "must name a readable file (or MovieLens folder) inside the server's "
                + "import folders (" + VARIABLE + "); other paths are refused");
    }
}
