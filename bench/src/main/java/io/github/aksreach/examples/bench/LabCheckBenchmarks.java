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
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.analysis.CheckReport;
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
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main LabCheckBenchmarks -f 1 -wi 5 -i 10
 * }</pre>
 *
 * <p>Every benchmark asks about the article's client flow ({@code 192.168.1.4 -> 192.168.0.22:80}, host
 * {@code demoapi.eyskens.corp}, path {@code /weatherforecast}) from 1,024 different ephemeral source ports, one per
 * call in turn, so no side answers a flow it has answered before. Setup loads {@code lab/step4-cluster-nsgs-nodes},
 * derives health and checks the flow once, so every element on the flow's paths exists in the lazily built
 * {@link AksGraph} before measuring; every side then walks (or looks up) that same graph object.
 * <ul>
 *   <li>{@link #check()}: the public facade {@code AksReachability.check(flow)}: the layer-7 context's memo of flow
 *       classes ({@code ConcreteMemo}; the class of these flows was computed by the setup's check), a new path tree
 *       whose paths carry the asked flow, its verdict, and the {@link CheckReport}. This is the steady state of a
 *       user checking many flows (for example a flow log's tuples).</li>
 *   <li>{@link #walk()}: the exact solver's walk without the memo, {@code PathSolver.solve(graph, client, flow)}
 *       and {@code verdict(flow)}: one index lookup per classifier, every fork branch, a hop record with the rules
 *       in force for every path. This is what the first check of a class costs.</li>
 *   <li>{@link #reference()}: the oracle {@link ReferenceEvaluator#evaluate} (plain recursion, a linear first-match
 *       scan of each classifier's rules, explicit enumeration of every fork branch) and its delivered fraction. It
 *       keeps only the element ids of each path, no hop records, so it does less than either other side.</li>
 * </ul>
 * The ratios reported are {@code reference / check} and {@code reference / walk} (results:
 * {@code examples/BENCHMARKS.md}; {@link LabCheckRatio} cross-checks them in CPU time).
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
  private static final int FLOWS = 1024;

  private AksReachability analysis;
  private AksGraph graph;
  private Flow[] flows;
  private int next;

  @Setup
  public void setup() {
    analysis = AksReachability.of(ScenarioLoader.load(LabScenarios.directory(STEP)).get(), AksOptions.defaults());
    Flow flow = Lab.CLIENT_FLOW;
    CheckReport r = analysis.check(flow);
    graph = analysis.graph(L7.http(flow.host().orElseThrow(), flow.path().orElseThrow()));
    flows = new Flow[FLOWS];
    for (int i = 0; i < FLOWS; i++) {
      flows[i] = flow.withSrc(flow.srcIp(), 49152 + i);
    }
    for (Flow f : flows) {
      Weight ref = ReferenceEvaluator.deliveredFraction(ReferenceEvaluator.evaluate(graph, AksGraph.CLIENT, f));
      Verdict v = analysis.check(f).verdict();
      if (v.kind() != Verdict.Kind.SOMETIMES || !ref.equals(v.deliveredFraction())
          // the lab's client is outside the cluster: a check walks from the entry without the in-cluster short-circuit
          || !v.equals(PathSolver.solve(graph, AksGraph.CLIENT_OUTSIDE, f, SolveOptions.defaults()).verdict(f))) {
        throw new IllegalStateException("check, walk and reference disagree on " + f + ": " + v + " vs " + ref);
      }
    }
    if (r.verdict().kind() != Verdict.Kind.SOMETIMES) {
      throw new IllegalStateException("the lab's step 4 is SOMETIMES: " + r.verdict().kind());
    }
  }

  private Flow nextFlow() {
    return flows[next++ & (FLOWS - 1)];
  }

  @Benchmark
  public CheckReport check() {
    return analysis.check(nextFlow());
  }

  @Benchmark
  public Verdict walk() {
    Flow f = nextFlow();
    return PathSolver.solve(graph, AksGraph.CLIENT, f, SolveOptions.defaults()).verdict(f);
  }

  @Benchmark
  public Weight reference() {
    return ReferenceEvaluator.deliveredFraction(ReferenceEvaluator.evaluate(graph, AksGraph.CLIENT, nextFlow()));
  }
}
