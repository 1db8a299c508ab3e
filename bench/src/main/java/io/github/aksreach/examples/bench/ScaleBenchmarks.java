package io.github.aksreach.examples.bench;

import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.examples.generate.SyntheticAks;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.aks.HealthReport;
import io.github.aksreach.k8s.analysis.CheckReport;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.analysis.ReachReport;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code reach} and {@code health} on a generated AKS cluster ({@link SyntheticAks}: 10 node pools in their own
 * subnets, NSGs of 200 rules, 100 Services, an ingress controller) with 50 and with 5,000 nodes of the same pools.
 * Run (from the repository root, after {@code mvn -B -q install -DskipTests}):
 *
 * <pre>{@code
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main ScaleBenchmarks -f 1 -wi 10 -i 5
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main ScaleBenchmarks -p nodes=50,50000 -jvmArgs -Xmx6g
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main 'ScaleBenchmarks.(reachCold|healthCold)' -f 1 -wi 8 -i 4 \
 *     -prof gc
 * }</pre>
 *
 * <p>The cold benchmarks need about 8 warm-up iterations of 2 s before their times settle (few, long operations per
 * iteration; on a loaded 2-core machine the JIT competes for the cores). Results: {@code examples/BENCHMARKS.md}.
 *
 * <p>The question: who reaches the ingress controller's frontend {@code 10.238.0.10:80/tcp} with host
 * {@code app-00.synth.corp} and path {@code /api}, for every IPv4 source (ALWAYS, SOMETIMES and NEVER source sets,
 * computed symbolically). What each benchmark includes (the scenario is generated once per trial, outside the
 * measurement: it stands for the loaded dump):
 * <ul>
 *   <li>{@link #reachCold()}: a new {@code AksReachability} per call, then {@code reach}: the AKS assembly
 *       (cloud-provider-azure derivation, the cluster NSG's managed rules), node classes, the health of the probe
 *       groups the question meets (traced per class of interchangeable nodes), the lazily built graph, the symbolic
 *       solve and the source sets. This is what one question on a fresh dump costs.</li>
 *   <li>{@link #reachWarm()}: {@code reach} again on an analysis that has answered it before (graph elements built):
 *       the symbolic solve and the source sets.</li>
 *   <li>{@link #checkOutsideCold()}: a new {@code AksReachability} per call, then one {@code check} from a client
 *       outside the cluster: it never groups the cluster's nodes and pods into in-cluster source entries.</li>
 *   <li>{@link #healthCold()}: a new {@code AksReachability} per call, then {@code health()}: every backend of
 *       every load-balancing rule (at 5,000 nodes, 250,000 entries), probes traced once per node class.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScaleBenchmarks {
  @Param({"50", "5000"})
  public int nodes;

  private Scenario scenario;
  private AksReachability warm;
  private int round;

  @Setup(Level.Trial)
  public void setup() {
    scenario = SyntheticAks.generate(SyntheticAks.Spec.of(nodes));
    warm = AksReachability.of(scenario, AksOptions.defaults());
    reach(warm);
  }

  /** The benchmark's question on {@code analysis}. */
  public static ReachReport reach(AksReachability analysis) {
    return reachFrom(analysis, IpSet.all(IpFamily.V4));
  }

  private static ReachReport reachFrom(AksReachability analysis, IpSet from) {
    return analysis.reach(SyntheticAks.INGRESS_FRONTEND, 80, Protocol.TCP, Optional.of(SyntheticAks.INGRESS_HOST),
        Optional.of("/api"), from);
  }

  @Benchmark
  public ReachReport reachCold() {
    return reach(AksReachability.of(scenario, AksOptions.defaults()));
  }

  /**
   * The benchmark's question from every IPv4 source but one, {@code 203.0.112.0} plus {@code round} modulo 1,024: a
   * question the analysis has not answered lately (it keeps its last 256 reach answers), so its solve runs again.
   */
  public static ReachReport reachAgain(AksReachability analysis, int round) {
    return reachFrom(analysis, IpSet.all(IpFamily.V4).difference(IpSet.of(IpAddress.v4(0xCB007000L + (round & 1023)))));
  }

  @Benchmark
  public ReachReport reachWarm() {
    return reachAgain(warm, round++);
  }

  /**
   * The question a user asks most: one flow from a client outside the cluster (the client subnet) through the
   * ingress, on a new analysis. Its cost must not grow with the cluster's in-cluster sources (issue 14).
   */
  public static CheckReport checkOutside(AksReachability analysis) {
    return analysis.check(Flow.of(Protocol.TCP, IpAddress.of("10.239.0.5"), 50000, SyntheticAks.INGRESS_FRONTEND, 80)
        .withHttp(SyntheticAks.INGRESS_HOST, "/api"));
  }

  @Benchmark
  public CheckReport checkOutsideCold() {
    return checkOutside(AksReachability.of(scenario, AksOptions.defaults()));
  }

  @Benchmark
  public HealthReport healthCold() {
    return AksReachability.of(scenario, AksOptions.defaults()).health();
  }
}
