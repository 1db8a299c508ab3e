package io.github.aksreach.examples.bench;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.nsg.analysis.equivalence.NsgEquivalence;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * NSG equivalence and shadowed rules on two generated 1,000-rule NSGs (issue 14: stop at the first witness), each
 * question against the way it was answered before, in the same run. Every operation compiles the NSGs afresh (rule
 * encoding and classification index included), as a one-off question does.
 *
 * <pre>{@code
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main NsgEquivalenceBenchmarks -f 1 -wi 3 -i 5
 * }</pre>
 *
 * <p>Pairs: {@code equal} (the same rules under another name: no witness exists; the same rule list, which
 * {@link NsgEquivalence#firstDifference} now sees without probing), {@code equalSplit} (the same decisions written
 * otherwise, {@link #splitSources}: no witness, and both sides do all the work),
 * {@code oneRule} (the second NSG flips the access of its first rule from the 500th on that decides some flow),
 * {@code unrelated} (another seed). {@code fullCompare} is the answer before: both partitions in full, allowed sets
 * compared ({@link NsgEquivalence#differences}); {@code firstWitness} is {@link NsgEquivalence#firstDifference}.
 * {@code shadowedBefore} finds the dead rules as before (every rule's exact decided set), {@code shadowedAfter} as
 * {@code ShadowedRulesAnalyzer} now does (a witness lookup first); they do not depend on the pair.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NsgEquivalenceBenchmarks {
  @Param({"random", "aks"})
  public String shape;

  @Param({"equal", "equalSplit", "oneRule", "unrelated"})
  public String pair;

  AddressResolver resolver;
  NetworkSecurityGroup a;
  NetworkSecurityGroup b;

  @Setup
  public void setup() {
    resolver = AddressResolver.of(IpSet.parse("10.0.0.0/8, 168.63.129.16").get(), ServiceTagCatalog.builder().build(),
        Map.of());
    a = NsgBenchmarks.nsg(shape, "a", 1);
    switch (pair) {
      case "equal":
        b = NsgBenchmarks.nsg(shape, "b", 1);
        break;
      case "equalSplit":
        b = splitSources(a);
        break;
      case "oneRule":
        b = flipOneLiveRule(a);
        break;
      default:
        b = NsgBenchmarks.nsg(shape, "b", 2);
    }
    boolean differ = !NsgEquivalence.differences(compile(a), compile(b), FlowSpace.all()).isEmpty();
    if (differ == pair.startsWith("equal") || differ != NsgEquivalence.firstDifference(compile(a), compile(b),
        FlowSpace.all()).isPresent()) {
      throw new IllegalStateException("the pair " + pair + " does not differ as it should");
    }
  }

  private CompiledNsg compile(NetworkSecurityGroup n) {
    return CompiledNsg.of(n, Direction.INBOUND, resolver);
  }

  private NetworkSecurityGroup flipOneLiveRule(NetworkSecurityGroup n) {
    CompiledNsg c = compile(n);
    List<SecurityRule> rules = new ArrayList<>(n.customRules());
    for (int i = 500; i < rules.size(); i++) {
      SecurityRule r = rules.get(i);
      int k = c.rules().indexOf(r);
      if (!c.decidedBy(k, FlowSpace.all()).isEmpty()) {
        rules.set(i, r.withAccess(r.access() == Access.ALLOW ? Access.DENY : Access.ALLOW));
        return n.withCustomRules(rules);
      }
    }
    throw new IllegalStateException("no live rule after the 500th");
  }

  /**
   * The same decisions written otherwise: each rule with several source prefixes becomes one rule per prefix, next to
   * each other, every rule renumbered in the same order. Equivalent, but not the same rule list.
   */
  static NetworkSecurityGroup splitSources(NetworkSecurityGroup n) {
    List<SecurityRule> rules = new ArrayList<>(n.customRules());
    rules.sort(java.util.Comparator.comparingInt(r -> r.priority().value()));
    List<SecurityRule> split = new ArrayList<>();
    for (SecurityRule r : rules) {
      List<io.github.aksreach.core.model.IpPrefix> ps = r.source() instanceof AddressSpec.Prefixes p ? p.prefixes()
          : List.of();
      if (ps.size() < 2) {
        split.add(r.withPriority(Priority.of(100 + split.size())).withName(r.name() + "_0"));
      }
      for (int k = 0; ps.size() >= 2 && k < ps.size(); k++) {
        split.add(r.withSource(AddressSpec.prefixes(ps.get(k))).withPriority(Priority.of(100 + split.size()))
            .withName(r.name() + "_" + k));
      }
    }
    return n.withName(n.name() + "-split").withCustomRules(split);
  }

  @Benchmark
  public boolean fullCompare() {
    return NsgEquivalence.differences(compile(a), compile(b), FlowSpace.all()).isEmpty();
  }

  @Benchmark
  public boolean firstWitness() {
    return NsgEquivalence.firstDifference(compile(a), compile(b), FlowSpace.all()).isEmpty();
  }

  /** The dead rules as found before: every rule's exact decided set. */
  @Benchmark
  public int shadowedBefore() {
    CompiledNsg c = compile(a);
    int dead = 0;
    for (int i = 0; i < c.rules().size(); i++) {
      if (c.space(i).isEmpty() || c.decidedBy(i, FlowSpace.all()).isEmpty()) {
        dead++;
      }
    }
    return dead;
  }

  /** The dead rules as found now: a witness lookup, then the exact set only when the witness is decided earlier. */
  @Benchmark
  public int shadowedAfter() {
    CompiledNsg c = compile(a);
    int dead = 0;
    for (int i = 0; i < c.rules().size(); i++) {
      FlowSpace m = c.space(i);
      if (m.isEmpty() || !m.witness().map(w -> c.decideIndex(w)).orElse(-1).equals(i)
          && c.decidedBy(i, FlowSpace.all()).isEmpty()) {
        dead++;
      }
    }
    return dead;
  }
}
