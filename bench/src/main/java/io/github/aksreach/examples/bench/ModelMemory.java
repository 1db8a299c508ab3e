package io.github.aksreach.examples.bench;

import io.github.aksreach.examples.generate.SyntheticAks;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.HealthReport;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.analysis.ReachReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * The retained heap of the generated cluster's model, measured as heap in use after full collections. Run (from the
 * repository root, after {@code mvn -B -q install -DskipTests}):
 *
 * <pre>{@code
 * java -Xmx512m -cp bench/target/aksreach-bench.jar io.github.aksreach.examples.bench.ModelMemory 50 5000
 * }</pre>
 *
 * <p>For each node count it reports, in MB: the scenario alone (what the loaders hold: nodes, NICs, pods, Services,
 * EndpointSlices, NSGs), then everything an analysis keeps after answering the {@link ScaleBenchmarks} reach question
 * (assembly, node classes, the graph's elements, the health of the groups the question met), then after
 * {@code health()} too (every backend of every rule). Each figure is the heap after {@value #GCS} full collections
 * with the objects still referenced. With {@code -Xmx512m} the run itself proves the model fits in 512 MB.
 */
public final class ModelMemory {
  static final int GCS = 4;

  private ModelMemory() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {50, 5000} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i]);
    }
    long base = usedAfterGc();
    System.out.printf(Locale.ROOT, "max heap %d MB, baseline in use %.1f MB%n",
        Runtime.getRuntime().maxMemory() >> 20, base / 1048576.0);
    for (int n : sizes) {
      measure(n, base);
    }
  }

  /** One size, in its own frame so that nothing of it is still referenced when the next size is measured. */
  private static void measure(int n, long base) {
    Scenario s = SyntheticAks.generate(SyntheticAks.Spec.of(n));
    long scenario = usedAfterGc() - base;
    AksReachability a = AksReachability.of(s, AksOptions.defaults());
    ReachReport r = ScaleBenchmarks.reach(a);
    long afterReach = usedAfterGc() - base;
    HealthReport h = a.health();
    long afterHealth = usedAfterGc() - base;
    System.out.printf(Locale.ROOT, "nodes %5d: scenario %7.1f MB | scenario + analysis after reach %7.1f MB | + health (%d "
            + "backends) %7.1f MB   (reach: %d ALWAYS, %d SOMETIMES, %d NEVER CIDRs)%n", n, scenario / 1048576.0,
        afterReach / 1048576.0, h.backends().size(), afterHealth / 1048576.0, r.sets().always().toCidrs().size(),
        r.sets().sometimes().toCidrs().size(), r.sets().never().toCidrs().size());
    // keep everything reachable until measured
    if (s.kubernetes().nodes().size() != n || a.network() == null) {
      throw new IllegalStateException();
    }
  }

  private static long usedAfterGc() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < GCS; i++) {
      System.gc();
    }
    return m.getHeapMemoryUsage().getUsed();
  }
}
