package io.github.aksreach.nsg.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.nsg.Gens;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesAnalyzer;
import io.github.aksreach.nsg.analysis.shadowedrules.ShadowedRulesResult;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The symbolic NSG semantics (partition, compiled index, classifier, shadowed-rule analysis) agree with the
 * reference evaluator (a linear scan with {@code ConcreteEvaluator}) on generated NSGs with tags and ASGs.
 */
class NsgProperties {
  private static final AddressResolver R = Gens.resolver();

  @Test
  void partitionEqualsConcreteEvaluation() {
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger denied = new AtomicInteger();
    AtomicInteger byCustom = new AtomicInteger();
    qt().withExamples(300).forAll(Gens.nsgs(), lists().of(Gens.flows()).ofSize(25), directions())
        .checkAssert((nsg, flows, d) -> {
          CompiledNsg c = CompiledNsg.of(nsg, d, R);
          NsgPartition p = c.partition(FlowSpace.all());
          assertThat(p.undecided().isEmpty()).isTrue();
          assertThat(p.allowed().union(p.denied())).isEqualTo(FlowSpace.all());
          assertThat(p.allowed().intersects(p.denied())).isFalse();
          for (Flow f : flows) {
            SecurityRule ref = c.decideLinear(f);
            assertThat(c.decide(f)).as("index vs linear for %s", f).isEqualTo(ref);
            assertThat(p.allowed().contains(f)).as("partition vs reference for %s", f)
                .isEqualTo(ref.access() == Access.ALLOW);
            NsgPartition.Part part = p.parts().stream().filter(x -> x.flows().contains(f)).findFirst().orElseThrow();
            assertThat(part.rule()).isEqualTo(ref);
            (ref.access() == Access.ALLOW ? allowed : denied).incrementAndGet();
            if (!ref.isDefault()) {
              byCustom.incrementAndGet();
            }
          }
        });
    // not vacuous: both verdicts and custom-rule decisions occur often
    assertThat(allowed.get()).isGreaterThan(500);
    assertThat(denied.get()).isGreaterThan(500);
    assertThat(byCustom.get()).isGreaterThan(500);
  }

  @Test
  void classifierFactoryDecidesLikeTheReference() {
    qt().withExamples(200).forAll(Gens.nsgs(), lists().of(Gens.flows()).ofSize(20), directions())
        .checkAssert((nsg, flows, d) -> {
          CompiledNsg c = CompiledNsg.of(nsg, d, R);
          Classifier k = NsgClassifiers.forNsg(nsg, d, R, ElementKey.named("x/in"),
              NsgOrigin.of(nsg, NsgPosition.SUBNET, Optional.empty(), d), ElementKey.named("x/next"));
          for (Flow f : flows) {
            SecurityRule ref = c.decideLinear(f);
            int i = k.decide(f);
            assertThat(k.rules().get(i).ref().name()).isEqualTo(ref.name());
            assertThat(k.rules().get(i).ref().priority().getAsInt()).isEqualTo(ref.priority().value());
            Outcome o = k.outcome(i);
            if (ref.access() == Access.ALLOW) {
              assertThat(o).isEqualTo(Outcome.next(ElementKey.named("x/next"), "allowed by gen rule " + ref.display()));
            } else {
              assertThat(o).isEqualTo(Outcome.drop(NsgHopKind.NSG, "denied by gen rule " + ref.display())
                  .bypassingTo(ElementKey.named("x/next")));
            }
          }
        });
  }

  @Test
  void addingAnAllowRuleOnlyAddsAllowedFlowsAndADenyOnlyRemoves() {
    AtomicInteger grew = new AtomicInteger();
    AtomicInteger shrank = new AtomicInteger();
    AtomicInteger unchanged = new AtomicInteger();
    qt().withExamples(300).forAll(Gens.nsgs(), Gens.rules(), integers().between(100, 260))
        .checkAssert((nsg, extra, prio) -> {
          Set<Integer> used = nsg.customRules().stream().filter(r -> r.direction() == extra.direction())
              .map(r -> r.priority().value()).collect(Collectors.toCollection(HashSet::new));
          int p = prio;
          while (used.contains(p)) {
            p++;
          }
          NetworkSecurityGroup more = nsg.withCustomRules(concat(nsg.customRules(),
              extra.withName("extra").withPriority(Priority.of(p))));
          FlowSpace before = CompiledNsg.of(nsg, extra.direction(), R).partition(FlowSpace.all()).allowed();
          FlowSpace after = CompiledNsg.of(more, extra.direction(), R).partition(FlowSpace.all()).allowed();
          if (extra.access() == Access.ALLOW) {
            assertThat(after.encloses(before)).isTrue();
          } else {
            assertThat(before.encloses(after)).isTrue();
          }
          if (before.equals(after)) {
            unchanged.incrementAndGet();
          } else if (after.encloses(before)) {
            grew.incrementAndGet();
          } else {
            shrank.incrementAndGet();
          }
        });
    assertThat(grew.get()).isGreaterThan(30);
    assertThat(shrank.get()).isGreaterThan(30);
    assertThat(unchanged.get()).isGreaterThan(0);
  }

  @Test
  void shadowedRulesAreExactlyTheRulesThatDecideNothing() {
    AtomicInteger dead = new AtomicInteger();
    AtomicInteger live = new AtomicInteger();
    // 600 random NSGs: 241 to 322 dead rules in three runs, so the guard below (both kinds seen) holds well; at 300
    // the dead count hovered around its threshold of 100 (runs of 99 were seen)
    qt().withExamples(600).forAll(Gens.nsgs(), directions()).checkAssert((nsg, d) -> {
      CompiledNsg c = CompiledNsg.of(nsg, d, R);
      NsgPartition p = c.partition(FlowSpace.all());
      Set<String> deciding = p.parts().stream().map(x -> x.rule().name()).collect(Collectors.toSet());
      List<ShadowedRulesResult.Row> rows = ShadowedRulesAnalyzer.analyze(c, "gen", true);
      Set<String> reported = rows.stream().map(r -> r.rule().name()).collect(Collectors.toSet());
      for (SecurityRule r : c.rules()) {
        assertThat(reported.contains(r.name())).as("%s dead", r.name()).isEqualTo(!deciding.contains(r.name()));
        if (reported.contains(r.name())) {
          dead.incrementAndGet();
        } else {
          live.incrementAndGet();
        }
      }
      for (ShadowedRulesResult.Row row : rows) {
        int i = c.rules().indexOf(row.rule());
        if (row.reason() == ShadowedRulesResult.Reason.SHADOWED) {
          FlowSpace cover = FlowSpace.empty();
          for (SecurityRule s : row.shadowedBy()) {
            int j = c.rules().indexOf(s);
            assertThat(j).isLessThan(i);
            cover = cover.union(c.space(j));
          }
          assertThat(cover.encloses(c.space(i))).isTrue();
          // irreducible: without any one of them the rest no longer covers the rule
          for (SecurityRule left : row.shadowedBy()) {
            FlowSpace rest = FlowSpace.empty();
            for (SecurityRule s : row.shadowedBy()) {
              if (s != left) {
                rest = rest.union(c.space(c.rules().indexOf(s)));
              }
            }
            assertThat(rest.encloses(c.space(i))).as("%s without %s", row.rule().name(), left.name()).isFalse();
          }
        } else {
          assertThat(c.space(i).isEmpty()).isTrue();
        }
      }
    });
    assertThat(dead.get()).isGreaterThan(100);
    assertThat(live.get()).isGreaterThan(100);
  }

  @Test
  void aPathAllowsIffEveryNsgAllows() {
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger denied = new AtomicInteger();
    qt().withExamples(200).forAll(Gens.nsgs(), Gens.nsgs(), lists().of(Gens.flows()).ofSize(10), directions())
        .checkAssert((subnetNsg, nicNsg, flows, d) -> {
          NetworkSecurityGroup nic = nicNsg.withId(io.github.aksreach.nsg.model.ResourceId.of(
              nicNsg.id().value() + "-nic")).withName("gen-nic");
          NsgPath path = new NsgPath(Optional.empty(), Optional.of(subnetNsg), Optional.of(nic));
          NsgEvaluator eval = NsgEvaluator.of(io.github.aksreach.nsg.model.AzureNetwork.empty());
          for (Flow f : flows) {
            boolean a = CompiledNsg.of(subnetNsg, d, R).decideLinear(f).access() == Access.ALLOW;
            boolean b = CompiledNsg.of(nic, d, R).decideLinear(f).access() == Access.ALLOW;
            NsgVerdict v = eval.evaluate(path, R, d, f);
            assertThat(v.allowed()).isEqualTo(a && b);
            assertThat(v).isEqualTo(eval.linear().evaluate(path, R, d, f));
            // evaluation order and early stop
            String first = d == Direction.INBOUND ? "gen" : "gen-nic";
            assertThat(v.decisions().get(0).nsgName()).isEqualTo(first);
            assertThat(v.decisions()).hasSize((d == Direction.INBOUND ? a : b) ? 2 : 1);
            (v.allowed() ? allowed : denied).incrementAndGet();
          }
        });
    assertThat(allowed.get()).isGreaterThan(100);
    assertThat(denied.get()).isGreaterThan(100);
  }

  private static org.quicktheories.core.Gen<Direction> directions() {
    return org.quicktheories.generators.SourceDSL.arbitrary().enumValues(Direction.class);
  }

  private static <T> List<T> concat(List<T> a, T b) {
    java.util.ArrayList<T> out = new java.util.ArrayList<>(a);
    out.add(b);
    return out;
  }
}
