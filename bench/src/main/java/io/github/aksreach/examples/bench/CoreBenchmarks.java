package io.github.aksreach.examples.bench;

import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Core algebra and classifier benchmarks. Run:
 *
 * <pre>{@code
 * mvn -B -q package -DskipTests
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main CoreBenchmarks -f 1 -wi 3 -i 5
 * }</pre>
 *
 * <p>{@code ipSet*} at n = 1,000 and 10,000 ranges per operand shows the scaling (linear merges after one sort);
 * {@code decideIndexed} vs {@code decideLinear} is the 1,000-rule first-match classifier against the reference scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CoreBenchmarks {
  @Param({"1000", "10000"})
  public int ranges;

  private List<IpPrefix> aPrefixes;
  private IpSet a;
  private IpSet b;
  private Classifier classifier;
  private Flow[] flows;
  private int next;

  @Setup
  public void setup() {
    Random r = new Random(42);
    aPrefixes = randomPrefixes(r, ranges);
    a = IpSet.ofPrefixes(aPrefixes);
    b = IpSet.ofPrefixes(randomPrefixes(r, ranges));
    List<Classifier.Rule> rules = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rules.add(Classifier.Rule.of(RuleRef.of("r" + i, 100 + i), MatchExprs.and(
          MatchExprs.protocol(r.nextInt(3) == 0 ? ProtocolSet.any() : ProtocolSet.of(Protocol.TCP)),
          MatchExprs.ip(Field.SRC_IP, IpSet.of(IpPrefix.of(IpAddress.v4(0x0A000000L | r.nextInt(1 << 16) << 8),
              16 + r.nextInt(17)))),
          MatchExprs.ip(Field.DST_IP, r.nextBoolean() ? IpSet.all()
              : IpSet.of(IpPrefix.of(IpAddress.v4(0xC0A80000L | r.nextInt(1 << 16)), 24 + r.nextInt(9)))),
          MatchExprs.port(Field.DST_PORT, r.nextInt(4) == 0 ? PortSet.all()
              : PortSet.of(PortRange.single(r.nextInt(1024))))),
          r.nextBoolean() ? Outcome.next("x", "allowed") : Outcome.drop("F", "denied")));
    }
    classifier = Classifier.of("bench", "bench", "F", rules, Outcome.drop("F", "default"));
    classifier.decide(Flow.tcp("10.0.0.1:1", "192.168.0.1:80"));
    flows = new Flow[1024];
    for (int i = 0; i < flows.length; i++) {
      flows[i] = Flow.of(Protocol.TCP, IpAddress.v4(0x0A000000L | r.nextInt(1 << 24)), 40000 + r.nextInt(2000),
          IpAddress.v4(0xC0A80000L | r.nextInt(1 << 16)), r.nextInt(1024));
    }
  }

  private static List<IpPrefix> randomPrefixes(Random r, int n) {
    List<IpPrefix> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(IpPrefix.of(IpAddress.v4(r.nextInt() & 0xFFFFFFFFL), 20 + r.nextInt(13)));
    }
    return out;
  }

  @Benchmark
  public IpSet ipSetBuildFromPrefixes() {
    return IpSet.ofPrefixes(aPrefixes);
  }

  @Benchmark
  public IpSet ipSetUnion() {
    return a.union(b);
  }

  @Benchmark
  public IpSet ipSetIntersection() {
    return a.intersection(b);
  }

  @Benchmark
  public IpSet ipSetDifference() {
    return a.difference(b);
  }

  @Benchmark
  public int decideIndexed() {
    return classifier.decide(flows[next++ & 1023]);
  }

  @Benchmark
  public int decideLinear() {
    return classifier.decideLinear(flows[next++ & 1023]);
  }
}
