package org.openreco.recommender.admin.imports;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.catalog.entity.Catalogue;
import org.openreco.recommender.imports.boundary.ImportProblem;
import org.openreco.recommender.imports.boundary.ImportRequest;
import org.openreco.recommender.imports.boundary.ImportStatus;
import org.openreco.recommender.imports.boundary.Imports;
import org.openreco.recommender.imports.boundary.StoredUpload;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * Starts an import into a catalogue (an uploaded file, or a file or MovieLens folder on the server)
 * and follows it: a progress bar polled twice a second, then the counts and a link to the error
 * report. A failed import that can be restarted (a server crash, a file fixed since) gets a Restart
 * button, here and in the catalogue's recent imports below; the restarted import is followed the same
 * way. The catalogue can be given in the URL (/imports/&lt;catalogue&gt;).
 */
@Route(value = "imports", layout = MainLayout.class)
@PageTitle("Import · OpenReco")
public class ImportView extends VerticalLayout implements HasUrlParameter<String> {

    static final int POLL_MILLIS = 500;

    private final Imports imports;
    private final Catalogues catalogues;

    final ComboBox<String> catalogue = new ComboBox<>("Catalogue");
    final Select<String> kind = new Select<>();
    final Select<String> format = new Select<>();
    final Upload upload;
    final Span uploaded = new Span();
    final TextField path = new TextField("…or a file (MovieLens: a folder) on the server");
    final TextField mapping = new TextField("Mapping (source column=field, …)");
    final Checkbox dryRun = new Checkbox("Dry run: only validate");
    final Button start = new Button("Start import", click -> start());
    final ProgressBar progress = new ProgressBar(0, 1);
    final Span state = new Span();
    final Span read = new Span();
    final Span written = new Span();
    final Span duplicates = new Span();
    final Span rejected = new Span();
    final Anchor errors = new Anchor();
    final Button restart = new Button("Restart from the last checkpoint", click -> restart(this.followed));
    final Div result = new Div();
    final Grid<ImportStatus> recent = new Grid<>(ImportStatus.class, false);

    private volatile StoredUpload uploadedFile;
    private Long running;
    private long followed;
    private Registration polling;

    @Inject
    public ImportView(Imports imports, Catalogues catalogues) {
        this.imports = imports;
        this.catalogues = catalogues;
        setId("import-view");

        catalogue.setId("import-catalogue");
        catalogue.setItems(catalogues.list().stream().map(Catalogue::getName).toList());
        kind.setId("import-kind");
        kind.setLabel("Kind");
        kind.setItems("items", "users", "events", "movielens");
        kind.setItemLabelGenerator(k -> k.equals("movielens") ? "MovieLens folder (preset)" : k);
        kind.setValue("items");
        format.setId("import-format");
        format.setLabel("Format");
        format.setItems("csv", "json", "ndjson");
        format.setItemLabelGenerator(f -> switch (f) {
            case "csv" -> "CSV with a header row";
            case "json" -> "JSON array of objects";
            default -> "NDJSON (one object per line)";
        });
        format.setValue("csv");
        kind.addValueChangeListener(change -> format.setEnabled(!"movielens".equals(change.getValue())));

        // Streams the upload straight to the server's upload folder: never held in memory.
        upload = new Upload(event -> {
            uploadedFile = imports.storeUpload(event.getInputStream(), event.getFileName());
            event.getUI().access(() -> uploaded.setText("Uploaded: " + event.getFileName()));
        });
        upload.setId("import-upload");
        upload.setMaxFiles(1);
        uploaded.setId("import-uploaded");
        path.setId("import-path");
        path.setPlaceholder("/data/products.csv");
        mapping.setId("import-mapping");
        mapping.setPlaceholder("sku=externalId, name=title, brand=attributes.brand");
        mapping.setHelperText("Columns named like a field need no entry: externalId, title, description, categories, "
                + "tags, attributes, available, publishedAt; user, item, type, value, occurredAt, clientEventId");
        dryRun.setId("import-dry-run");
        start.setId("import-start");
        start.addThemeVariants(ButtonVariant.PRIMARY);

        progress.setId("import-progress");
        state.setId("import-state");
        read.setId("import-read");
        written.setId("import-written");
        duplicates.setId("import-duplicates");
        rejected.setId("import-rejected");
        errors.setId("import-errors");
        errors.setText("Error report (CSV)");
        result.setId("import-result");
        restart.setId("import-restart");
        restart.setVisible(false);
        result.add(state, new Div(new Span("Read: "), read), new Div(new Span("Written: "), written),
                new Div(new Span("Duplicates: "), duplicates), new Div(new Span("Rejected: "), rejected), errors, restart);
        result.setVisible(false);
        progress.setVisible(false);

        recent.setId("import-recent");
        recent.setAllRowsVisible(true);
        recent.addColumn(ImportStatus::id).setHeader("Id").setAutoWidth(true);
        recent.addColumn(i -> i.kind() + (i.dryRun() ? " (dry run)" : "")).setHeader("Kind").setAutoWidth(true);
        recent.addColumn(ImportStatus::status).setHeader("Status").setAutoWidth(true);
        recent.addColumn(i -> String.format("%,d", i.read())).setHeader("Read").setAutoWidth(true);
        recent.addColumn(i -> String.format("%,d", i.rejected())).setHeader("Rejected").setAutoWidth(true);
        recent.addColumn(ImportStatus::error).setHeader("Error").setFlexGrow(3);
        recent.addComponentColumn(i -> {
            var button = new Button("Restart", click -> restart(i.id()));
            button.setId("import-restart-" + i.id());
            button.setVisible(i.restartable());
            return button;
        }).setAutoWidth(true);
        recent.setEmptyStateText("No imports yet.");
        catalogue.addValueChangeListener(change -> showRecent());

        var form = new FormLayout(catalogue, kind, format, path, mapping, dryRun);
        add(new H2("Import"), form, upload, uploaded, start, progress, result, new H3("Recent imports"), recent);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String name) {
        if (name != null) {
            catalogue.setValue(name);
        }
    }

    private void start() {
        StoredUpload stored = uploadedFile;
        boolean fromUpload = stored != null && path.isEmpty();
        try {
            var request = new ImportRequest(kind.getValue(), format.getValue(), fromUpload ? null : path.getValue(),
                    parseMapping(mapping.getValue()), null, dryRun.getValue(), false);
            var status = fromUpload ? imports.start(catalogue.getValue(), request, stored)
                    : imports.start(catalogue.getValue(), request);
            running = status.id();
            if (fromUpload) {
                // the import owns the uploaded copy and removes it when done: a next import needs a new upload
                uploadedFile = null;
                upload.clearFileList();
                uploaded.setText("");
            }
            show(status);
            progress.setVisible(true);
            result.setVisible(true);
            start.setEnabled(false);
            showRecent();
        } catch (InvalidInputException e) {
            fail(e.field() + ": " + e.getMessage());
        } catch (EJBException e) {
            fail(e.getCausedByException() instanceof InvalidInputException invalid
                    ? invalid.field() + ": " + invalid.getMessage()
                    : String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            fail(String.valueOf(e.getMessage()));
        }
    }

    private void restart(long id) {
        try {
            var status = imports.restart(catalogue.getValue(), id);
            running = status.id();
            show(status);
            progress.setVisible(true);
            result.setVisible(true);
            start.setEnabled(false);
            showRecent();
        } catch (EJBException e) {
            fail(String.valueOf(e.getCausedByException() == null ? e.getMessage() : e.getCausedByException().getMessage()));
        } catch (RuntimeException e) {
            fail(String.valueOf(e.getMessage()));
        }
    }

    private void showRecent() {
        String name = catalogue.getValue();
        recent.setItems(name == null || catalogues.find(name).isEmpty() ? java.util.List.of() : imports.list(name));
    }

    /** "a=b, c=d" → {a: b, c: d} */
    static Map<String, String> parseMapping(String text) {
        var mapping = new LinkedHashMap<String, String>();
        if (text == null) {
            return mapping;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new InvalidInputException("mapping", "'" + pair.strip() + "' is not source=field");
            }
            mapping.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return mapping;
    }

    private void show(ImportStatus status) {
        followed = status.id();
        restart.setVisible(status.finished() && status.restartable());
        progress.setValue(status.fraction());
        state.setText(status.status() + (status.dryRun() ? " (dry run)" : "")
                + (status.error() == null ? "" : ": " + status.error()));
        state.getElement().setAttribute("data-status", status.status());
        count(read, status.read());
        count(written, status.written());
        count(duplicates, status.duplicates());
        count(rejected, status.rejected());
        errors.setVisible(status.finished() && status.rejected() > 0);
        if (status.finished()) {
            boolean wasRunning = running != null;
            running = null;
            start.setEnabled(true);
            if (wasRunning) {
                showRecent();
            }
            String name = status.catalogue();
            long id = status.id();
            errors.setHref(DownloadHandler.fromInputStream(download -> {
                byte[] csv = ImportProblem.csv(imports.problems(name, id)).getBytes(StandardCharsets.UTF_8);
                return new DownloadResponse(new ByteArrayInputStream(csv), "import-" + id + "-errors.csv", "text/csv", csv.length);
            }));
        }
    }

    private static void count(Span span, long value) {
        span.setText(String.format("%,d", value));
        span.getElement().setAttribute("data-count", Long.toString(value));
    }

    private void fail(String message) {
        var notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        UI ui = attach.getUI();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(poll -> {
            if (running != null) {
                show(imports.status(catalogue.getValue(), running));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (polling != null) {
            polling.remove();
        }
        detach.getUI().setPollInterval(-1);
        super.onDetach(detach);
    }
}
