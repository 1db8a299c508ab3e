package io.github.aksreach.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link LabCheckBenchmarks} for shared, noisy machines: the three sides run in interleaved batches
 * and are timed in the thread's CPU time, so another process taking the core slows every side alike instead of
 * whichever JMH happened to be measuring. Run (from the repository root, after {@code mvn -B -q install
 * -DskipTests}):
 *
 * <pre>{@code
 * java -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.LabCheckRatio 21
 * }</pre>
 *
 * <p>It prints the median CPU time per operation of each side over the rounds (20,000 operations per side per
 * round) and the ratios {@code reference / check} and {@code reference / walk}. Same setup and same flows as
 * {@link LabCheckBenchmarks}.
 */
public final class LabCheckRatio {
  private static final int BATCH = 20_000;

  private LabCheckRatio() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    LabCheckBenchmarks b = new LabCheckBenchmarks();
    b.setup();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] check = new double[rounds];
    double[] walk = new double[rounds];
    double[] reference = new double[rounds];
    Object sink = null;
    for (int r = 0; r < rounds; r++) {
      long t = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < BATCH; i++) {
        sink = b.reference();
      }
      reference[r] = (cpu.getCurrentThreadCpuTime() - t) / 1000.0 / BATCH;
      t = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < BATCH; i++) {
        sink = b.check();
      }
      check[r] = (cpu.getCurrentThreadCpuTime() - t) / 1000.0 / BATCH;
      t = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < BATCH; i++) {
        sink = b.walk();
      }
      walk[r] = (cpu.getCurrentThreadCpuTime() - t) / 1000.0 / BATCH;
    }
    double c = median(check);
    double w = median(walk);
    double ref = median(reference);
    System.out.printf(Locale.ROOT, "median CPU us/op over %d rounds: check %.3f, walk %.3f, reference %.3f; "
        + "reference/check %.1f, reference/walk %.2f%n", rounds, c, w, ref, ref / c, ref / w);
    if (sink == null) {
      throw new IllegalStateException();
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
