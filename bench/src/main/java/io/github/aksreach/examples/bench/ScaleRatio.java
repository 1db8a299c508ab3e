package io.github.aksreach.examples.bench;

import io.github.aksreach.examples.generate.SyntheticAks;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link ScaleBenchmarks} for shared, noisy machines: the 50-node and the 5,000-node clusters are
 * measured in alternation, in the thread's CPU time (garbage collection, which runs on other threads, is not
 * counted; JMH's wall-clock numbers include it). Run (from the repository root, after
 * {@code mvn -B -q install -DskipTests}):
 *
 * <pre>{@code
 * java -Xmx2g -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.ScaleRatio 15
 * java -Xmx6g -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.ScaleRatio 9 50,50000
 * }</pre>
 *
 * <p>Each round runs, for each size (default 50 and 5,000 nodes; the second argument lists others),
 * {@code reachCold}, {@code reachWarm}, {@code checkOutsideCold} and {@code healthCold} as {@link ScaleBenchmarks}
 * defines them; the first third of the rounds warm the JIT and are not counted. It prints the median CPU milliseconds
 * of each and the ratio of the largest size to the smallest.
 */
public final class ScaleRatio {
  private ScaleRatio() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int warmup = rounds / 3;
    int[] sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {50, 5000};
    Scenario[] scenarios = new Scenario[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      scenarios[i] = SyntheticAks.generate(SyntheticAks.Spec.of(sizes[i]));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[][][] ms = new double[sizes.length][4][rounds - warmup];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < sizes.length; i++) {
        long t = cpu.getCurrentThreadCpuTime();
        AksReachability a = AksReachability.of(scenarios[i], AksOptions.defaults());
        ScaleBenchmarks.reach(a);
        long cold = cpu.getCurrentThreadCpuTime() - t;
        t = cpu.getCurrentThreadCpuTime();
        ScaleBenchmarks.reachAgain(a, r);
        long warm = cpu.getCurrentThreadCpuTime() - t;
        t = cpu.getCurrentThreadCpuTime();
        AksReachability.of(scenarios[i], AksOptions.defaults()).health();
        long health = cpu.getCurrentThreadCpuTime() - t;
        t = cpu.getCurrentThreadCpuTime();
        ScaleBenchmarks.checkOutside(AksReachability.of(scenarios[i], AksOptions.defaults()));
        long outside = cpu.getCurrentThreadCpuTime() - t;
        if (r >= warmup) {
          ms[i][0][r - warmup] = cold / 1e6;
          ms[i][1][r - warmup] = warm / 1e6;
          ms[i][2][r - warmup] = health / 1e6;
          ms[i][3][r - warmup] = outside / 1e6;
        }
      }
    }
    String[] names = {"reachCold", "reachWarm", "healthCold", "checkOutsideCold"};
    int last = sizes.length - 1;
    for (int b = 0; b < names.length; b++) {
      double small = median(ms[0][b]);
      double large = median(ms[last][b]);
      System.out.printf(Locale.ROOT, "%-16s median CPU ms over %d rounds: %,d nodes %.1f, %,d nodes %.1f, ratio %.2f%n",
          names[b], rounds - warmup, sizes[0], small, sizes[last], large, large / small);
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
