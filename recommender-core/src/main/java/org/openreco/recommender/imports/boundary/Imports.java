package org.openreco.recommender.imports.boundary;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.imports.control.ImportFolders;
import org.openreco.recommender.imports.control.ImportLedger;
import org.openreco.recommender.imports.control.MovieLens;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.platform.boundary.ServerFolders;

/**
 * Starts imports as Jakarta Batch jobs and reports their progress and error reports. An import reads
 * a server-side file (an upload is {@link #storeUpload stored} in the server's data folder first) or,
 * for the MovieLens preset, a folder with movies.csv, ratings.csv and optionally tags.csv. The job
 * repository is JDBC: an import interrupted by a server restart ({@link InterruptedImports}) or failed is
 * {@link #restart restarted} from its last checkpoint. Starting and restarting run outside a transaction,
 * so the job's thread finds the execution the job repository recorded.
 */
@Stateless
public class Imports {

    public static final Set<String> KINDS = Set.of("items", "users", "events", "movielens");
    public static final Set<String> FORMATS = Set.of("csv", "json", "ndjson");
    static final int CHUNK_SIZE = 1000;
    /** The largest upload the API takes (200 MiB); a larger file is imported from a path on the server. */
    public static final long MAX_UPLOAD_BYTES = 200L * 1024 * 1024;

    @Inject
    Catalogues catalogues;

    @Inject
    ImportLedger ledger;

    /**
     * Imports the server-side file (or MovieLens folder) the request names, which must lie in the
     * operator's {@link ImportFolders import folders}. The file is the operator's: it is never removed.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportStatus start(String catalogue, ImportRequest request) {
        return start(catalogue, request, null);
    }

    /** Imports an upload {@link #storeUpload stored} before; the import owns that copy and removes it when done. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportStatus start(String catalogue, ImportRequest request, StoredUpload upload) {
        long catalogueId = catalogues.get(catalogue).getId();
        String kind = request.kind() == null ? null : request.kind().strip().toLowerCase();
        if (kind == null || !KINDS.contains(kind)) {
            throw new InvalidInputException("kind", "must be one of items, users, events, movielens");
        }
        boolean movieLens = kind.equals("movielens");
        String format = movieLens ? "csv" : request.format() == null ? "csv" : request.format().strip().toLowerCase();
        if (!FORMATS.contains(format)) {
            throw new InvalidInputException("format", "must be one of csv, json, ndjson");
        }
        if (upload != null && movieLens) {
            throw new InvalidInputException("kind", "movielens reads a folder on the server; it cannot be uploaded");
        }
        Path path = upload != null ? ImportFolders.of(uploadFolder()).file(upload.file().toString())
                : source(request.path(), movieLens);
        Map<String, String> mapping = request.mapping() == null ? Map.of() : request.mapping();
        String mappingJson = Json.createObjectBuilder(Map.<String, Object>copyOf(mapping)).build().toString();
        String options = Json.createObjectBuilder()
                .add("mapping", Json.createObjectBuilder(Map.<String, Object>copyOf(mapping)))
                .add("listSeparator", request.listSeparator() == null ? "|" : request.listSeparator())
                .add("createMissingItems", request.createMissingItems())
                .build().toString();
        long id = ledger.open(catalogueId, kind, format, path.toString(), options, request.dryRun(), size(path, movieLens));

        var parameters = new Properties();
        parameters.setProperty("importId", Long.toString(id));
        parameters.setProperty("catalogue", catalogue);
        parameters.setProperty("kind", kind);
        parameters.setProperty("format", format);
        parameters.setProperty("path", path.toString());
        parameters.setProperty("mapping", mappingJson);
        parameters.setProperty("listSeparator", request.listSeparator() == null ? "|" : request.listSeparator());
        parameters.setProperty("dryRun", Boolean.toString(request.dryRun()));
        parameters.setProperty("createMissingItems", Boolean.toString(request.createMissingItems()));
        parameters.setProperty("chunkSize", Integer.toString(CHUNK_SIZE));
        // an upload is the import's own copy: removed when the job ends, unless a restart will read it again
        parameters.setProperty("removeWhenDone", Boolean.toString(upload != null));
        long execution = jobs().start(movieLens ? "movielens-import" : "import", parameters);
        ledger.running(id, execution);
        return status(catalogue, id);
    }

    /**
     * Restarts an interrupted or failed import from its last checkpoint: the chunks committed before stay,
     * the rest is read again (records of a chunk that was being written are idempotent: items and users
     * are upserts, events with a client event id are not stored twice). 409 when it is not restartable.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ImportStatus restart(String catalogue, long id) {
        var status = status(catalogue, id);
        var execution = ledger.executionId(id);
        if (!status.restartable() || execution.isEmpty() || !ledger.restarting(id)) {
            throw new ConflictException("status", "import " + id + " is " + status.status()
                    + (status.restartable() ? " and is being restarted already" : "; only an interrupted or failed import can be restarted"));
        }
        try {
            var operator = jobs();
            ledger.restarted(id, operator.restart(execution.get(), operator.getParameters(execution.get())));
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | NoSuchJobExecutionException e) {
            ledger.finish(id, "failed", "the restart was refused: " + e.getMessage());
            throw new ConflictException("status", "import " + id + " cannot be restarted: " + e.getMessage());
        }
        return status(catalogue, id);
    }

    /** Stores an uploaded file in the server's upload folder, for {@link #start(String, ImportRequest, StoredUpload)}. */
    public StoredUpload storeUpload(InputStream content, String fileName) {
        String suffix = fileName == null ? "" : fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Path folder = Files.createDirectories(uploadFolder());
            Path file = folder.resolve(UUID.randomUUID() + (suffix.isEmpty() ? "" : "-" + suffix));
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return new StoredUpload(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        }
    }

    public ImportStatus status(String catalogue, long id) {
        long catalogueId = catalogues.get(catalogue).getId();
        var status = ledger.find(catalogueId, id)
                .orElseThrow(() -> new NotFoundException("import " + id + " of catalogue '" + catalogue + "' does not exist"));
        if (!status.finished()) {
            reconcile(id);
            status = ledger.find(catalogueId, id).orElseThrow();
        }
        return status;
    }

    public List<ImportStatus> list(String catalogue) {
        return ledger.list(catalogues.get(catalogue).getId(), 50);
    }

    public List<ImportProblem> problems(String catalogue, long id) {
        status(catalogue, id);
        return ledger.problems(id);
    }

    /** A job that ended without its listener running (e.g. failed to start) is closed from the batch runtime's view. */
    private void reconcile(long id) {
        ledger.executionId(id).ifPresent(execution -> {
            try {
                BatchStatus batch = jobs().getJobExecution(execution).getBatchStatus();
                switch (batch) {
                    case FAILED, ABANDONED -> ledger.finish(id, "failed", "the batch job " + batch.name().toLowerCase());
                    case STOPPED -> ledger.finish(id, "stopped", null);
                    default -> {
                    }
                }
            } catch (NoSuchJobExecutionException e) {
                ledger.finish(id, "failed", "its job execution " + execution + " is unknown to the job repository");
            }
        });
    }

    private static Path source(String path, boolean folder) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("path", "is required (a file on the server, or upload one)");
        }
        var folders = ImportFolders.configured();
        return folder ? folders.folder(path, List.of(MovieLens.MOVIES, MovieLens.RATINGS), List.of(MovieLens.TAGS)) : folders.file(path);
    }

    private static long size(Path source, boolean movieLens) {
        try {
            return movieLens
                    ? Files.size(source.resolve(MovieLens.MOVIES)) + Files.size(source.resolve(MovieLens.RATINGS))
                    : Files.size(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path uploadFolder() {
        return ServerFolders.data().resolve("uploads");
    }

    private static JobOperator jobs() {
        return BatchRuntime.getJobOperator();
    }
}
