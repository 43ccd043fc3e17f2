package dev.limitless.benchmarks.paired;

/**
 * Runs a baseline and a candidate in alternating timed blocks in one thread of one JVM, so that both meet the same
 * JIT state, the same database and the same interference from the machine: round {@code i} times a block of the
 * baseline then one of the candidate, round {@code i + 1} the other way round, which cancels drift within a round.
 * Warm-up rounds run the same way and are discarded.
 */
public final class PairedRunner {

    /** One call of one side; its result is consumed so that nothing is optimised away. */
    @FunctionalInterface
    public interface Call {
        Object call() throws Exception;
    }

    /**
     * @param warmupRounds  rounds run and discarded first
     * @param rounds        measured rounds
     * @param callsPerBlock calls timed together; large enough that a block lasts tens of milliseconds
     */
    public record Settings(int warmupRounds, int rounds, int callsPerBlock) {
    }

    private static volatile int sink;

    private PairedRunner() {
    }

    /**
     * Runs every call of a fixture in turn for the settings' warm-up rounds, so that the first pair measured does not
     * meet a JIT the later pairs find warm.
     */
    public static void warmUp(Settings settings, Call... calls) throws Exception {
        for (int round = 0; round < settings.warmupRounds(); round++) {
            for (Call call : calls) {
                block(call, settings.callsPerBlock());
            }
        }
    }

    public static PairedRatio run(String name, double budget, Call baseline, Call candidate, Settings settings)
            throws Exception {
        String loadBefore = LoadAverage.now();
        for (int round = 0; round < settings.warmupRounds(); round++) {
            block(baseline, settings.callsPerBlock());
            block(candidate, settings.callsPerBlock());
        }
        double[] baselineNanos = new double[settings.rounds()];
        double[] candidateNanos = new double[settings.rounds()];
        for (int round = 0; round < settings.rounds(); round++) {
            if (round % 2 == 0) {
                baselineNanos[round] = block(baseline, settings.callsPerBlock());
                candidateNanos[round] = block(candidate, settings.callsPerBlock());
            } else {
                candidateNanos[round] = block(candidate, settings.callsPerBlock());
                baselineNanos[round] = block(baseline, settings.callsPerBlock());
            }
        }
        return new PairedRatio(name, budget, baselineNanos, candidateNanos, settings.callsPerBlock(),
                loadBefore + " -> " + LoadAverage.now());
    }

    /** Nanoseconds per call of one block. */
    private static double block(Call call, int calls) throws Exception {
        int hash = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            hash += call.call() == null ? 0 : 1;
        }
        long elapsed = System.nanoTime() - start;
        sink += hash;
        return (double) elapsed / calls;
    }
}
