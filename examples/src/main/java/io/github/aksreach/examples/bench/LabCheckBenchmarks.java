package io.github.aksreach.examples.bench;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.ReferenceEvaluator;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.examples.lab.Lab;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.aks.AksGraph;
import io.github.aksreach.k8s.aks.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.L7;
import io.github.aksreach.k8s.aks.ScenarioLoader;
import io.github.aksreach.k8s.analysis.CheckReport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code check} on the article's lab (step 4, the client flow with host and path) against the reference evaluator on
 * the same, already-built graph. Run (from the repository root, after {@code mvn -B -q install -DskipTests}):
 *
 * <pre>{@code
 * java -cp examples/target/aksreach.jar org.openjdk.jmh.Main LabCheckBenchmarks -f 1 -wi 3 -i 5
 * }</pre>
 *
 * <p>What each side includes. Setup loads {@code lab/step4-cluster-nsgs-nodes}, derives health and runs the flow
 * once, so every element on the flow's paths exists in the lazily built {@link AksGraph} before measuring; both
 * sides then walk that same graph object.
 * <ul>
 *   <li>{@link #check()}: the public facade {@code AksReachability.check(flow)}: the graph lookup for the flow's
 *       layer-7 context, the exact solver on the concrete flow (one index lookup per classifier, every fork branch,
 *       a hop record with the header each hop saw for every path), the verdict with its paths and the
 *       {@link CheckReport}.</li>
 *   <li>{@link #solver()}: only {@code PathSolver.solve(graph, client, flow)} and {@code verdict(flow)}.</li>
 *   <li>{@link #reference()}: the oracle {@link ReferenceEvaluator#evaluate} (plain recursion, a linear first-match
 *       scan of each classifier's rules, explicit enumeration of every fork branch) and its delivered fraction. It
 *       records only the element ids of each path, no hops with headers, so it does less than {@code check}.</li>
 * </ul>
 * The ratio reported is {@code reference / check} (and {@code reference / solver}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LabCheckBenchmarks {
  /** The lab step the benchmark runs on. */
  public static final String STEP = "step4-cluster-nsgs-nodes";

  private AksReachability analysis;
  private AksGraph graph;
  private Flow flow;

  @Setup
  public void setup() {
    analysis = AksReachability.of(ScenarioLoader.load(LabScenarios.directory(STEP)).get(), AksOptions.defaults());
    flow = Lab.CLIENT_FLOW;
    CheckReport r = analysis.check(flow);
    graph = analysis.graph(L7.http(flow.host().orElseThrow(), flow.path().orElseThrow()));
    List<ReferenceEvaluator.Outcome> ref = ReferenceEvaluator.evaluate(graph, AksGraph.CLIENT, flow);
    Weight refFraction = ReferenceEvaluator.deliveredFraction(ref);
    if (r.verdict().kind() != Verdict.Kind.SOMETIMES || !refFraction.equals(r.verdict().deliveredFraction())) {
      throw new IllegalStateException("check and the reference disagree on the lab: " + r.verdict().kind() + " "
          + r.verdict().deliveredFraction() + " vs " + refFraction);
    }
  }

  @Benchmark
  public CheckReport check() {
    return analysis.check(flow);
  }

  @Benchmark
  public Verdict solver() {
    return PathSolver.solve(graph, AksGraph.CLIENT, flow, SolveOptions.defaults()).verdict(flow);
  }

  @Benchmark
  public Weight reference() {
    return ReferenceEvaluator.deliveredFraction(ReferenceEvaluator.evaluate(graph, AksGraph.CLIENT, flow));
  }
}
