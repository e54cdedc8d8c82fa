package org.openreco.recommender.admin.training;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.training.boundary.TrainingRequest;

/**
 * The parameters of a training: factors, alpha, regularization, epochs, neighbours, the evaluation's split
 * (random with its test ratio and seed, per-user leave-last-N, or a global time cut), the K list and the
 * tuning budget, shown with their defaults. Train validates them with the core's own rules
 * ({@link TrainingRequest#validated()}), marks the field it refuses, and otherwise fires a {@link TrainEvent}.
 */
public class TrainingForm extends VerticalLayout {

    final IntegerField factors = new IntegerField("Factors");
    final NumberField alpha = new NumberField("Alpha (confidence scale)");
    final NumberField regularization = new NumberField("Regularization (λ)");
    final IntegerField epochs = new IntegerField("Epochs");
    final IntegerField neighbours = new IntegerField("Item neighbours");
    final NumberField testRatio = new NumberField("Test ratio");
    final IntegerField seed = new IntegerField("Seed");
    final TextField k = new TextField("K (cut-offs, comma-separated)");
    final NumberField tuningBudget = new NumberField("Tuning budget (seconds)");
    final Select<String> split = new Select<>();
    final IntegerField leaveLast = new IntegerField("Leave last N");
    final Button train = new Button("Train", VaadinIcon.PLAY.create());
    private final Map<String, HasValidation> fields = Map.of("factors", factors, "alpha", alpha,
            "regularization", regularization, "epochs", epochs, "neighbours", neighbours, "testRatio", testRatio,
            "seed", seed, "k", k, "tuningBudgetSeconds", tuningBudget, "split", split);

    public TrainingForm() {
        setId("training-form");
        setPadding(false);
        factors.setId("training-factors");
        factors.setMin(1);
        factors.setMax(TrainingRequest.MAX_FACTORS);
        factors.setStepButtonsVisible(true);
        alpha.setId("training-alpha");
        alpha.setHelperText("Confidence of an interaction: 1 + alpha × weight");
        regularization.setId("training-regularization");
        epochs.setId("training-epochs");
        epochs.setMin(1);
        epochs.setMax(TrainingRequest.MAX_EPOCHS);
        epochs.setStepButtonsVisible(true);
        neighbours.setId("training-neighbours");
        testRatio.setId("training-test-ratio");
        testRatio.setHelperText("Share of each user's positives held out to evaluate the model");
        seed.setId("training-seed");
        k.setId("training-k");
        k.setHelperText("The evaluation reports its metrics at each, e.g. 10, 20");
        tuningBudget.setId("training-tuning-budget");
        tuningBudget.setMin(0);
        tuningBudget.setMax(TrainingRequest.MAX_TUNING_SECONDS);
        tuningBudget.setHelperText("Parameters left at their defaults are searched on a validation split; changed ones stay; 0: off");
        split.setId("training-split");
        split.setLabel("Split");
        split.setItems(TrainingRequest.RANDOM, TrainingRequest.LEAVE_LAST, TrainingRequest.TIME_CUT);
        split.setHelperText("How the evaluation holds out each user's positives, or the latest of all");
        leaveLast.setId("training-leave-last");
        leaveLast.setMin(1);
        leaveLast.setMax(TrainingRequest.MAX_LEAVE_LAST);
        leaveLast.setValue(1);
        split.addValueChangeListener(change -> leaveLast.setEnabled(TrainingRequest.LEAVE_LAST.equals(change.getValue())));
        train.setId("train");
        train.addThemeVariants(ButtonVariant.PRIMARY);
        train.addClickListener(click -> submit());
        add(new FormLayout(factors, alpha, regularization, epochs, neighbours, testRatio, seed, split, leaveLast, k, tuningBudget),
                train);
        show(TrainingRequest.defaults());
    }

    public void show(TrainingRequest request) {
        factors.setValue(request.factors());
        alpha.setValue(request.alpha());
        regularization.setValue(request.regularization());
        epochs.setValue(request.epochs());
        neighbours.setValue(request.neighbours());
        testRatio.setValue(request.testRatio());
        seed.setValue(request.seed() == null ? null : request.seed().intValue());
        k.setValue(request.k().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        tuningBudget.setValue(request.tuningBudgetSeconds());
        split.setValue(request.splitKind());
        leaveLast.setValue(request.leaveLast());
        leaveLast.setEnabled(TrainingRequest.LEAVE_LAST.equals(request.splitKind()));
    }

    /** Validates what the form holds and fires a {@link TrainEvent} with it, or marks the first bad field. */
    void submit() {
        fields.values().forEach(field -> field.setInvalid(false));
        try {
            TrainingRequest request = request();
            request.validated();
            fireEvent(new TrainEvent(this, request));
        } catch (InvalidInputException e) {
            showError(e.field(), e.getMessage());
        }
    }

    /**
     * What the form holds; an empty field takes its default. A tunable parameter left at its default is sent
     * as absent, so that the training tunes it; one changed is kept as typed.
     */
    TrainingRequest request() {
        var defaults = TrainingRequest.defaults();
        return new TrainingRequest(changed(factors.getValue(), defaults.factors()), changed(alpha.getValue(), defaults.alpha()),
                changed(regularization.getValue(), defaults.regularization()), changed(epochs.getValue(), defaults.epochs()),
                changed(neighbours.getValue(), defaults.neighbours()), testRatio.getValue(),
                seed.getValue() == null ? null : seed.getValue().longValue(), cutOffs(k.getValue()), null, null, null, null,
                tuningBudget.getValue(), null, splitValue());
    }

    private String splitValue() {
        if (!TrainingRequest.LEAVE_LAST.equals(split.getValue())) {
            return split.getValue();
        }
        return TrainingRequest.LEAVE_LAST + ":" + (leaveLast.getValue() == null ? 1 : leaveLast.getValue());
    }

    private static <T> T changed(T value, T byDefault) {
        return byDefault.equals(value) ? null : value;
    }

    static List<Integer> cutOffs(String text) {
        var values = new ArrayList<Integer>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                values.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("k", "'" + part + "' is not a whole number");
            }
        }
        return values;
    }

    /** Marks the field the core refused; an unknown field goes on the Train button's neighbour, the factors. */
    public void showError(String field, String message) {
        var target = fields.getOrDefault(field == null ? "" : field, factors);
        target.setErrorMessage(message);
        target.setInvalid(true);
    }

    public Registration addTrainListener(ComponentEventListener<TrainEvent> listener) {
        return addListener(TrainEvent.class, listener);
    }

    /** Train with these parameters (valid; absent ones take their defaults and are tuned). */
    public static class TrainEvent extends ComponentEvent<TrainingForm> {

        private final TrainingRequest request;

        TrainEvent(TrainingForm source, TrainingRequest request) {
            super(source, false);
            this.request = request;
        }

        public TrainingRequest getRequest() {
            return request;
        }
    }
}
