package org.openreco.recommender.admin.training;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openreco.recommender.training.boundary.ModelVersion;

/**
 * How a model version's parameters were chosen: the values the search on the validation split kept, each
 * setting it tried with its validation NDCG and time (the validation curve), and the values its time
 * budget did not allow trying.
 */
public class TuningPanel extends VerticalLayout {

    /** One tried setting as the grid shows it. */
    record TrialRow(String algorithm, String setting, double ndcg, long millis) {
    }

    final Paragraph summary = new Paragraph();
    final Paragraph untried = new Paragraph();
    final Grid<TrialRow> trials = new Grid<>(TrialRow.class, false);
    private JsonObject shown;

    public TuningPanel() {
        setId("tuning");
        setPadding(false);
        summary.setId("tuning-summary");
        untried.setId("tuning-untried");
        trials.setId("tuning-trials");
        trials.setAllRowsVisible(true);
        trials.addColumn(TrialRow::algorithm).setHeader("Algorithm").setAutoWidth(true);
        trials.addColumn(TrialRow::setting).setHeader("Setting").setFlexGrow(3);
        trials.addColumn(t -> String.format(Locale.ROOT, "%.4f", t.ndcg())).setHeader("Validation NDCG").setAutoWidth(true);
        trials.addColumn(t -> t.millis() + " ms").setHeader("Time").setAutoWidth(true);
        add(summary, trials, untried);
        show(null);
    }

    /** The newest version that carries a tuning, or null. */
    public void show(ModelVersion version) {
        JsonObject tuning = version == null || version.parameters() == null
                || !(version.parameters().get("tuning") instanceof JsonObject t) ? null : t;
        if (tuning != null && tuning.equals(shown)) {
            return; // the poll comes every second
        }
        shown = tuning;
        if (tuning == null) {
            summary.setText("No tuned version yet.");
            untried.setText("");
            trials.setItems(List.of());
            trials.setVisible(false);
            return;
        }
        double budget = tuning.getJsonNumber("budgetSeconds").doubleValue();
        JsonObject chosen = tuning.getJsonObject("chosen");
        String values = chosen.entrySet().stream().map(e -> e.getKey() + " " + number(e.getValue()))
                .collect(Collectors.joining(", "));
        summary.setText(budget == 0
                ? "Version " + version.id() + ": tuning off; trained with " + values + "."
                : String.format(Locale.ROOT, "Version %d: parameters searched on a validation split for %.1f s of a %.0f s budget "
                        + "(%s); chosen: %s.", version.id(), tuning.getJsonNumber("seconds").doubleValue(), budget,
                        tuning.getString("metric").toUpperCase(Locale.ROOT), values));
        List<TrialRow> rows = tuning.getJsonArray("trials").getValuesAs(JsonObject.class).stream()
                .map(t -> new TrialRow(t.getString("algorithm"), t.getJsonObject("setting").entrySet().stream()
                        .map(e -> e.getKey() + " " + number(e.getValue())).collect(Collectors.joining(", ")),
                        t.getJsonNumber("ndcg").doubleValue(), t.getJsonNumber("millis").longValue()))
                .toList();
        trials.setItems(rows);
        trials.setVisible(!rows.isEmpty());
        JsonObject skipped = tuning.getJsonObject("untried");
        untried.setText(skipped.isEmpty() ? "Every value of every grid was tried."
                : (budget == 0 ? "Not tried (tuning off): " : "Not tried within the budget: ")
                        + skipped.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().asJsonArray()
                                .getValuesAs(JsonNumber.class).stream().map(TuningPanel::number).collect(Collectors.joining(", ")))
                                .collect(Collectors.joining("; ")) + ".");
    }

    /** 64 rather than 64.0; 0.15 as it is. */
    static String number(JsonValue value) {
        double d = ((JsonNumber) value).doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
