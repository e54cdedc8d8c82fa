package org.openreco.recommender.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openreco.recommender.platform.boundary.InvalidInputException;

class ImportFoldersTest {

    @TempDir
    Path root;

    Path allowed;
    Path outside;
    ImportFolders folders;

    @BeforeEach
    void folders() throws IOException {
        allowed = Files.createDirectories(root.resolve("allowed"));
        outside = Files.writeString(root.resolve("secret.csv"), "id\n1\n");
        folders = ImportFolders.of(allowed.toString(), root.resolve("unused"));
    }

    @Test
    void a_file_inside_an_allowed_folder_is_imported_by_its_real_path() throws IOException {
        Path file = Files.writeString(Files.createDirectories(allowed.resolve("sub")).resolve("items.csv"), "id\n");

        assertEquals(file.toRealPath(), folders.file(allowed + "/sub/../sub/items.csv"));
    }

    @Test
    void a_file_outside_and_a_missing_one_are_refused_alike() {
        var outsideRefused = assertThrows(InvalidInputException.class, () -> folders.file(outside.toString()));
        var missingRefused = assertThrows(InvalidInputException.class, () -> folders.file(allowed + "/nothing.csv"));
        var climbing = assertThrows(InvalidInputException.class, () -> folders.file(allowed + "/../secret.csv"));

        assertEquals("path", outsideRefused.field());
        assertEquals(outsideRefused.getMessage(), missingRefused.getMessage());
        assertEquals(outsideRefused.getMessage(), climbing.getMessage());
    }

    @Test
    void a_link_from_inside_to_outside_is_refused() throws IOException {
        Path link = Files.createSymbolicLink(allowed.resolve("link.csv"), outside);
        Path folderLink = Files.createSymbolicLink(allowed.resolve("elsewhere"), root);

        assertThrows(InvalidInputException.class, () -> folders.file(link.toString()));
        assertThrows(InvalidInputException.class, () -> folders.file(folderLink + "/secret.csv"));
    }

    @Test
    void a_movielens_folder_with_a_file_linked_outside_is_refused() throws IOException {
        Path movies = Files.createDirectories(allowed.resolve("ml"));
        Files.writeString(movies.resolve("movies.csv"), "movieId,title,genres\n");
        Files.writeString(movies.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        List<String> required = List.of("movies.csv", "ratings.csv");
        List<String> optional = List.of("tags.csv");

        assertEquals(movies.toRealPath(), folders.folder(movies.toString(), required, optional));
        Files.createSymbolicLink(movies.resolve("tags.csv"), outside);
        assertThrows(InvalidInputException.class, () -> folders.folder(movies.toString(), required, optional));
    }

    @Test
    void several_folders_are_listed_with_colons_and_none_falls_back_to_the_data_folder() {
        var listed = ImportFolders.of(allowed + ":" + root.resolve("other") + ": ", root.resolve("fallback"));
        var none = ImportFolders.of(" ", root.resolve("fallback"));

        assertEquals(List.of(allowed, root.resolve("other")), listed.folders());
        assertEquals(List.of(root.resolve("fallback")), none.folders());
    }
}
