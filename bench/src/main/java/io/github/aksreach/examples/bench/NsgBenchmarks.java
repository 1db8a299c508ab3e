package io.github.aksreach.examples.bench;

import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesAnalyzer;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.NsgClassifiers;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.eval.NsgEvaluator;
import io.github.aksreach.nsg.eval.NsgPartition;
import io.github.aksreach.nsg.eval.NsgVerdict;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * NSG evaluation at the Azure limit of 1,000 rules per NSG: concrete evaluation of one flow through a subnet and a
 * NIC NSG (compiled index vs the linear reference scan), the symbolic partition of every flow by one NSG, and the
 * shadowed-rule analysis of one NSG.
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am package -DskipTests
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main NsgBenchmarks -f 1 -wi 2 -i 3 -p shape=aks
 * }</pre>
 *
 * <p>The NSGs are generated from a fixed seed: prefixes of 10.0.0.0/8 between /16 and /32, single ports and
 * ranges, a few service tags, a mix of allow and deny, priorities 100-4096.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NsgBenchmarks {
  static final int RULES = 1000;

  /**
   * {@code random}: independent random prefixes (10.0.0.0/8, /16-/32) on both sides, random port ranges, some tags:
   * a worst case for symbolic methods. {@code aks}: what cloud-provider-azure writes for many LoadBalancer Services:
   * allow-lists of client prefixes (or Internet) to one frontend IP and one service port each, a few denies.
   */
  @Param({"random", "aks"})
  public String shape;

  AddressResolver resolver;
  NetworkSecurityGroup subnetNsg;
  NetworkSecurityGroup nicNsg;
  NsgPath path;
  NsgEvaluator indexed;
  NsgEvaluator linear;
  CompiledNsg compiled;
  Flow[] flows;
  int next;

  /** A 1,000-rule inbound NSG of {@code shape} from {@code seed}. */
  public static NetworkSecurityGroup nsg(String shape, String name, long seed) {
    return shape.equals("aks") ? aksNsg(name, seed) : randomNsg(name, seed);
  }

  /** Rules as cloud-provider-azure writes them: sources to one frontend IP and port each. */
  static NetworkSecurityGroup aksNsg(String name, long seed) {
    Random rnd = new Random(seed);
    List<SecurityRule> rules = new ArrayList<>();
    for (int i = 0; i < RULES; i++) {
      int prio = 100 + i * 3 + rnd.nextInt(3);
      boolean deny = rnd.nextInt(20) == 0;
      AddressSpec src = rnd.nextInt(4) == 0 ? AddressSpec.tag("Internet")
          : AddressSpec.prefixes(clientPrefix(rnd), clientPrefix(rnd), clientPrefix(rnd));
      IpPrefix frontend = IpPrefix.of(IpAddress.v4((20L << 24) | (rnd.nextInt(200) << 8) | rnd.nextInt(256)), 32);
      int port = rnd.nextInt(3) == 0 ? 30000 + rnd.nextInt(2768) : rnd.nextBoolean() ? 80 : 443;
      rules.add(SecurityRule.builder().name("k8s-azure-lb_" + i).priority(Priority.of(prio))
          .direction(Direction.INBOUND).access(deny ? Access.DENY : Access.ALLOW)
          .protocol(rnd.nextInt(10) == 0 ? NsgProtocol.UDP : NsgProtocol.TCP).source(src)
          .destination(AddressSpec.prefixes(frontend)).destinationPorts(PortSet.of(port)).build());
    }
    return NetworkSecurityGroup.builder()
        .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/"
            + name))
        .addAllCustomRules(rules).build();
  }

  static IpPrefix clientPrefix(Random rnd) {
    return IpPrefix.of(IpAddress.v4(rnd.nextInt() & 0xFFFF_FFFFL), 8 + rnd.nextInt(25));
  }

  static NetworkSecurityGroup randomNsg(String name, long seed) {
    Random rnd = new Random(seed);
    List<SecurityRule> rules = new ArrayList<>();
    for (int i = 0; i < RULES; i++) {
      int prio = 100 + i * 3 + rnd.nextInt(3);
      AddressSpec src = rnd.nextInt(10) == 0 ? AddressSpec.tag(rnd.nextBoolean() ? "VirtualNetwork" : "Internet")
          : rnd.nextInt(8) == 0 ? AddressSpec.any() : AddressSpec.prefixes(prefix(rnd), prefix(rnd));
      AddressSpec dst = rnd.nextInt(4) == 0 ? AddressSpec.any() : AddressSpec.prefixes(prefix(rnd));
      int p = 1 + rnd.nextInt(20000);
      PortSet ports = rnd.nextInt(3) == 0 ? PortSet.of(PortRange.of(p, p + rnd.nextInt(2000))) : PortSet.of(p);
      rules.add(SecurityRule.builder().name("rule" + i).priority(Priority.of(prio)).direction(Direction.INBOUND)
          .access(rnd.nextInt(3) == 0 ? Access.DENY : Access.ALLOW)
          .protocol(rnd.nextBoolean() ? NsgProtocol.TCP : rnd.nextBoolean() ? NsgProtocol.UDP : NsgProtocol.ANY)
          .source(src).destination(dst).destinationPorts(ports).build());
    }
    return NetworkSecurityGroup.builder()
        .id(ResourceId.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/"
            + name))
        .addAllCustomRules(rules).build();
  }

  static IpPrefix prefix(Random rnd) {
    int len = 16 + rnd.nextInt(17);
    return IpPrefix.of(IpAddress.v4((10L << 24) | (rnd.nextInt(1 << 24))), len);
  }

  @Setup
  public void setup() {
    resolver = AddressResolver.of(IpSet.parse("10.0.0.0/8, 168.63.129.16").get(), ServiceTagCatalog.builder().build(),
        Map.of());
    subnetNsg = nsg(shape, "subnet-nsg", 1);
    nicNsg = nsg(shape, "nic-nsg", 2);
    path = new NsgPath(Optional.empty(), Optional.of(subnetNsg), Optional.of(nicNsg));
    indexed = NsgEvaluator.of(AzureNetwork.empty());
    linear = indexed.linear();
    compiled = CompiledNsg.of(subnetNsg, Direction.INBOUND, resolver);
    Random rnd = new Random(3);
    flows = new Flow[1024];
    for (int i = 0; i < flows.length; i++) {
      flows[i] = shape.equals("aks")
          ? Flow.of(Protocol.TCP, IpAddress.v4(rnd.nextInt() & 0xFFFF_FFFFL), 1024 + rnd.nextInt(60000),
              IpAddress.v4((20L << 24) | (rnd.nextInt(200) << 8) | rnd.nextInt(256)), rnd.nextBoolean() ? 80 : 443)
          : Flow.of(Protocol.TCP, IpAddress.v4((10L << 24) | rnd.nextInt(1 << 24)), 1024 + rnd.nextInt(60000),
              IpAddress.v4((10L << 24) | rnd.nextInt(1 << 24)), 1 + rnd.nextInt(22000));
    }
    // warm the compiled caches: the benchmarks measure evaluation, not compilation
    indexed.evaluate(path, resolver, Direction.INBOUND, flows[0]);
    linear.evaluate(path, resolver, Direction.INBOUND, flows[0]);
    compiled.partition(FlowSpace.all());
  }

  private Flow nextFlow() {
    next = (next + 1) & (flows.length - 1);
    return flows[next];
  }

  /** One flow through the subnet NSG and the NIC NSG, by the compiled indexes. */
  @Benchmark
  public NsgVerdict concreteIndexed() {
    return indexed.evaluate(path, resolver, Direction.INBOUND, nextFlow());
  }

  /** The same, by the linear reference scan of the rules. */
  @Benchmark
  public NsgVerdict concreteLinear() {
    return linear.evaluate(path, resolver, Direction.INBOUND, nextFlow());
  }

  /** Every flow partitioned by one 1,000-rule NSG (rule spaces already encoded). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public NsgPartition symbolicPartition() {
    return compiled.partition(FlowSpace.all());
  }

  /** The same from scratch: resolve, encode every rule, partition. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public NsgPartition compileAndPartition() {
    return CompiledNsg.of(subnetNsg, Direction.INBOUND, resolver).partition(FlowSpace.all());
  }

  /** Resolving one 1,000-rule NSG and building its bit-vector index (what the first concrete evaluation pays). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object compileIndex() {
    return CompiledNsg.of(nicNsg, Direction.INBOUND, resolver).decide(flows[0]);
  }

  /** Building core's decision-diagram index of the same NSG as a solver Classifier (what a symbolic query pays). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int compileClassifierIndex() {
    return NsgClassifiers.forNsg(nicNsg, Direction.INBOUND, resolver, ElementKey.named("b"),
        NsgOrigin.of(nicNsg, NsgPosition.NIC, Optional.empty(), Direction.INBOUND), ElementKey.named("next")).decide(flows[0]);
  }

  /** Shadowed-rule analysis of one 1,000-rule NSG (rule spaces already encoded). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object shadowedRules() {
    return ShadowedRulesAnalyzer.analyze(compiled, "bench", true);
  }
}
