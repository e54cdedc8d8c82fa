package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Server-side imports read only from the folders the operator lists (RECOMMENDER_IMPORT_DIRS; the IT
 * server's is {@link ImportsApiIT#IMPORT_DIR}), judged after links are resolved, and never remove the file.
 */
class ImportPathsIT {

    @Test
    void a_path_outside_the_import_folders_is_refused_without_saying_if_it_exists() {
        String catalogue = ImportsApiIT.newCatalogue("outside");

        var existing = start(catalogue, "/etc/passwd");
        var missing = start(catalogue, "/etc/no-such-file-" + UUID.randomUUID());
        var climbing = start(catalogue, ImportsApiIT.IMPORT_DIR + "/../../pom.xml");

        for (var refused : List.of(existing, missing, climbing)) {
            assertEquals(400, refused.status(), refused.body());
            assertEquals("path", refused.json().getString("field"));
        }
        assertEquals(existing.json().getString("message"), missing.json().getString("message"));
        assertFalse(existing.body().contains("/etc/passwd"), existing.body());
        assertEquals(0, Database.count("item", catalogue));
    }

    @Test
    void a_link_from_inside_the_import_folder_to_outside_it_is_refused() throws Exception {
        String catalogue = ImportsApiIT.newCatalogue("link");
        Path folder = Files.createDirectories(ImportsApiIT.IMPORT_DIR.resolve("links-" + UUID.randomUUID()));
        Path toFile = Files.createSymbolicLink(folder.resolve("passwd.csv"), Path.of("/etc/passwd"));
        Path toFolder = Files.createSymbolicLink(folder.resolve("etc"), Path.of("/etc"));

        var linkedFile = start(catalogue, toFile.toString());
        var throughLinkedFolder = start(catalogue, toFolder.resolve("passwd").toString());

        assertEquals(400, linkedFile.status(), linkedFile.body());
        assertEquals("path", linkedFile.json().getString("field"));
        assertEquals(400, throughLinkedFolder.status(), throughLinkedFolder.body());
    }

    @Test
    void a_file_in_the_import_folder_is_imported_and_stays_where_it_was() throws Exception {
        String catalogue = ImportsApiIT.newCatalogue("allowed");
        ImportsApiIT.pauseEmbedding(catalogue);
        Path file = Files.writeString(Files.createDirectories(ImportsApiIT.IMPORT_DIR).resolve("items-" + UUID.randomUUID() + ".csv"),
                "sku,name\np1,Desk lamp\np2,Reading light\n");

        var reply = start(catalogue, file.toString());
        assertEquals(202, reply.status(), reply.body());
        var status = ImportsApiIT.await(catalogue, reply.json());

        assertEquals("completed", status.getString("status"), status.toString());
        assertEquals(2, status.getJsonNumber("written").longValue(), status.toString());
        assertEquals(2, Database.count("item", catalogue));
        assertTrue(Files.exists(file), "an import never removes the operator's file");
    }

    @Test
    void a_failed_upload_keeps_its_file_so_that_the_restart_can_read_it() {
        String catalogue = ImportsApiIT.newCatalogue("upload-restart");
        ImportsApiIT.pauseEmbedding(catalogue);
        // 1,500 items, then broken JSON: the first chunk (1,000) commits, then the import fails
        var items = new StringBuilder("[");
        for (int n = 1; n <= 1_500; n++) {
            items.append(n == 1 ? "" : ",").append("{\"externalId\": \"p").append(n).append("\", \"title\": \"P").append(n).append("\"}");
        }
        var failed = ImportsApiIT.await(catalogue, ImportsApiIT.upload(catalogue, "{\"kind\":\"items\",\"format\":\"json\"}",
                "broken.json", items + ", {broken"));
        assertEquals("failed", failed.getString("status"), failed.toString());
        assertTrue(failed.getBoolean("restartable"), failed.toString());

        var restart = Api.post("/api/v1/catalogues/" + catalogue + "/imports/" + failed.getJsonNumber("id") + "/restart", "");
        assertEquals(202, restart.status(), restart.body());
        var again = ImportsApiIT.await(catalogue, restart.json());

        // the same broken file is read again after the checkpoint: it fails where it broke, not for a missing file
        assertEquals("failed", again.getString("status"), again.toString());
        assertFalse(again.getString("error").contains("NoSuchFile"), again.toString());
        assertTrue(again.getJsonNumber("read").longValue() >= 1_000, again.toString());
        assertEquals(1_000, Database.count("item", catalogue));
    }

    private static Api.Reply start(String catalogue, String path) {
        return Api.post("/api/v1/catalogues/" + catalogue + "/imports",
                "{\"kind\":\"items\",\"format\":\"csv\",\"path\":\"" + path + "\",\"mapping\":{\"sku\":\"externalId\",\"name\":\"title\"}}");
    }
}
