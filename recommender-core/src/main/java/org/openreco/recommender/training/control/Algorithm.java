package org.openreco.recommender.training.control;

/** A way of training a {@link Scorer} from a users × items matrix (its name labels results). */
public interface Algorithm {

    String name();

    Scorer fit(InteractionMatrix userItems);
}
