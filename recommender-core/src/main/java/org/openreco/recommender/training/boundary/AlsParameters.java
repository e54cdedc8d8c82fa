package org.openreco.recommender.training.boundary;

/**
 * Hyper-parameters of implicit ALS (Hu, Koren, Volinsky 2008).
 *
 * @param factors        dimensions of the user and item vectors
 * @param regularization λ, added to the diagonal of every row's normal equations
 * @param alpha          confidence slope: an observed cell of weight w has confidence 1 + alpha·w
 * @param iterations     epochs; each solves all users, then all items
 * @param cgSteps        conjugate-gradient steps per row, warm-started from the previous epoch's
 *                       vector; 0 solves every row exactly by Cholesky instead
 * @param seed           seeds the initial factors; results are identical for equal seeds (the row
 *                       solves do not depend on thread scheduling)
 * @param threads        worker threads (≤ 0: all available processors)
 */
public record AlsParameters(int factors, double regularization, double alpha, int iterations, int cgSteps,
        long seed, int threads) {

    public AlsParameters {
        if (factors < 1 || regularization < 0 || alpha < 0 || iterations < 0 || cgSteps < 0) {
            throw new IllegalArgumentException("factors ≥ 1, regularization ≥ 0, alpha ≥ 0, iterations ≥ 0, cgSteps ≥ 0: " + this);
        }
    }

    /** 64 factors, λ 0.1, alpha 10, 15 epochs, 3 CG steps, seed 42, all processors. */
    public static AlsParameters defaults() {
        return new AlsParameters(64, 0.1, 10, 15, 3, 42, 0);
    }

    public AlsParameters withFactors(int value) {
        return new AlsParameters(value, regularization, alpha, iterations, cgSteps, seed, threads);
    }

    public AlsParameters withRegularization(double value) {
        return new AlsParameters(factors, value, alpha, iterations, cgSteps, seed, threads);
    }

    public AlsParameters withAlpha(double value) {
        return new AlsParameters(factors, regularization, value, iterations, cgSteps, seed, threads);
    }

    public AlsParameters withIterations(int value) {
        return new AlsParameters(factors, regularization, alpha, value, cgSteps, seed, threads);
    }

    public AlsParameters withCgSteps(int value) {
        return new AlsParameters(factors, regularization, alpha, iterations, value, seed, threads);
    }

    public AlsParameters withSeed(long value) {
        return new AlsParameters(factors, regularization, alpha, iterations, cgSteps, value, threads);
    }

    public AlsParameters withThreads(int value) {
        return new AlsParameters(factors, regularization, alpha, iterations, cgSteps, seed, value);
    }
}
