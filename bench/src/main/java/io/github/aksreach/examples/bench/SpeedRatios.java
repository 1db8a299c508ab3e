package io.github.aksreach.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A CPU-time cross-check of {@link LoaderBenchmarks} and {@link NsgEquivalenceBenchmarks} for shared, noisy machines
 * (as {@link LabCheckRatio} is for the lab): each pair of sides runs in interleaved rounds, timed in the thread's CPU
 * time, and the median per side and the median of the per-round ratios are printed.
 *
 * <pre>{@code
 * java -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.SpeedRatios 9 2000 aks
 * }</pre>
 *
 * <p>Arguments: rounds (default 9), the dump's node count (default 2,000, 5 pods each), the NSG shapes
 * (comma-separated, default {@code aks}; {@code random} costs seconds per question). Pairs: the Kubernetes
 * reader against Jackson's tree parse of the same text; NSG equivalence stopping at the first witness against both
 * partitions in full, per shape and pair; the shadowed-rule question with the witness lookup against without.
 */
public final class SpeedRatios {
  private SpeedRatios() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    LoaderBenchmarks l = new LoaderBenchmarks();
    l.nodes = nodes;
    l.setup();
    compare("load / jacksonTree (" + nodes + " nodes)", rounds, l::load, () -> {
      try {
        return l.jacksonTree();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    for (String shape : (args.length > 2 ? args[2] : "aks").split(",")) {
      for (String pair : new String[] {"equal", "equalSplit", "oneRule", "unrelated"}) {
        NsgEquivalenceBenchmarks n = new NsgEquivalenceBenchmarks();
        n.shape = shape;
        n.pair = pair;
        n.setup();
        compare("firstWitness / fullCompare (" + shape + ", " + pair + ")", rounds, n::firstWitness,
            n::fullCompare);
        if (pair.equals("equal")) {
          compare("shadowedAfter / shadowedBefore (" + shape + ")", rounds, n::shadowedAfter, n::shadowedBefore);
        }
      }
    }
  }

  static void compare(String name, int rounds, Supplier<Object> a, Supplier<Object> b) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] ta = new double[rounds];
    double[] tb = new double[rounds];
    double[] ratio = new double[rounds];
    Object sink = null;
    a.get();
    b.get();
    for (int r = 0; r < rounds; r++) {
      boolean aFirst = r % 2 == 0;
      for (int k = 0; k < 2; k++) {
        boolean runA = aFirst == (k == 0);
        long t = cpu.getCurrentThreadCpuTime();
        sink = runA ? a.get() : b.get();
        double ms = (cpu.getCurrentThreadCpuTime() - t) / 1e6;
        if (runA) {
          ta[r] = ms;
        } else {
          tb[r] = ms;
        }
      }
      ratio[r] = ta[r] / tb[r];
    }
    System.out.printf(Locale.ROOT, "%-52s A %9.2f ms  B %9.2f ms  A/B %.3f (rounds %d)%s%n", name, median(ta),
        median(tb), median(ratio), rounds, sink == null ? "" : "");
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
