package io.github.aksreach.nsg.analysis.equivalence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.nsg.Gens;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link NsgEquivalence#firstDifference} agrees with the full computation ({@link NsgEquivalence#differences}: both
 * partitions): it answers "equivalent" exactly when no flow differs, and its witness is a flow the reference
 * evaluator (a linear scan) decides differently in the two NSGs.
 */
class NsgEquivalenceProperties {
  private static final AddressResolver R = Gens.resolver();

  @Test
  void theFirstWitnessIsADifferenceAndNoneMeansEquivalent() {
    AtomicInteger equivalent = new AtomicInteger();
    AtomicInteger different = new AtomicInteger();
    AtomicInteger shortcut = new AtomicInteger();
    qt().withExamples(300).forAll(Gens.nsgs(), Gens.nsgs(), integers().between(0, 2))
        .checkAssert((x, y, how) -> {
          for (Direction d : Direction.values()) {
            CompiledNsg a = CompiledNsg.of(x, d, R);
            // 0: an unrelated NSG; 1: the same NSG with one custom rule left out (often dead, so often equivalent);
            // 2: the same rules under another name (always equivalent)
            NetworkSecurityGroup other = how == 0 ? y : how == 1 ? withoutOne(x) : x.withName("copy");
            CompiledNsg b = CompiledNsg.of(other, d, R);
            FlowSpace all = NsgEquivalence.differences(a, b, FlowSpace.all());
            var first = NsgEquivalence.firstDifference(a, b, FlowSpace.all());
            if (NsgEquivalence.sameDecisions(a, b)) {
              // the shortcut answers without probing or partitioning: it must never hide a difference
              assertThat(all.isEmpty()).as("%s vs %s %s", x.name(), other.name(), d).isTrue();
              shortcut.incrementAndGet();
            }
            assertThat(first.isPresent()).as("%s vs %s %s", x.name(), other.name(), d).isEqualTo(!all.isEmpty());
            if (first.isPresent()) {
              different.incrementAndGet();
              var f = first.get().flow();
              assertThat(all.contains(f)).isTrue();
              assertThat(a.decideLinear(f).access() == Access.ALLOW)
                  .isNotEqualTo(b.decideLinear(f).access() == Access.ALLOW);
              assertThat(first.get().ruleA()).contains(a.decideLinear(f));
              assertThat(first.get().ruleB()).contains(b.decideLinear(f));
            } else {
              equivalent.incrementAndGet();
            }
          }
        });
    assertThat(equivalent.get()).isGreaterThan(100);
    assertThat(different.get()).isGreaterThan(100);
    assertThat(shortcut.get()).isGreaterThan(50).isLessThan(equivalent.get());
  }

  /**
   * Rules renamed and given other priorities in the same order decide alike by construction (the shortcut sees it);
   * one inbound rule's access flipped is not the same list, and the answer then comes from the probes
   * or the full comparison.
   */
  @Test
  void renamedAndRenumberedRulesAreTheSameDecisionsAFlippedOneIsNot() {
    qt().withExamples(150).forAll(Gens.nsgs()).checkAssert(x -> {
      List<SecurityRule> rs = new ArrayList<>(x.customRules());
      rs.sort(java.util.Comparator.comparingInt(r -> r.priority().value()));
      List<SecurityRule> renamed = new ArrayList<>();
      for (int i = 0; i < rs.size(); i++) {
        renamed.add(rs.get(i).withName("renamed" + i)
            .withPriority(io.github.aksreach.nsg.model.Priority.of(4000 - 3 * (rs.size() - i))));
      }
      CompiledNsg a = CompiledNsg.of(x, Direction.INBOUND, R);
      CompiledNsg b = CompiledNsg.of(x.withName("other").withCustomRules(renamed), Direction.INBOUND, R);
      assertThat(NsgEquivalence.sameDecisions(a, b)).isTrue();
      assertThat(NsgEquivalence.firstDifference(a, b, FlowSpace.all())).isEmpty();
      int first = 0;
      while (first < renamed.size() && renamed.get(first).direction() != Direction.INBOUND) {
        first++;
      }
      if (first < renamed.size()) {
        // the first inbound rule flipped (an outbound one is not in the inbound list compared)
        SecurityRule r = renamed.get(first);
        renamed.set(first, r.withAccess(r.access() == Access.ALLOW ? Access.DENY : Access.ALLOW));
        CompiledNsg c = CompiledNsg.of(x.withCustomRules(renamed), Direction.INBOUND, R);
        assertThat(NsgEquivalence.sameDecisions(a, c)).isFalse();
        assertThat(NsgEquivalence.firstDifference(a, c, FlowSpace.all()).isPresent())
            .isEqualTo(!NsgEquivalence.differences(a, c, FlowSpace.all()).isEmpty());
      }
    });
  }

  @Test
  void withinASpaceOnlyItsFlowsCount() {
    qt().withExamples(150).forAll(Gens.nsgs(), Gens.nsgs(), Gens.flows()).checkAssert((x, y, f) -> {
      CompiledNsg a = CompiledNsg.of(x, Direction.INBOUND, R);
      CompiledNsg b = CompiledNsg.of(y, Direction.INBOUND, R);
      FlowSpace one = FlowSpace.of(f);
      var first = NsgEquivalence.firstDifference(a, b, one);
      assertThat(first.isPresent()).isEqualTo(a.allows(f) != b.allows(f));
      first.ifPresent(d -> assertThat(one.contains(d.flow())).isTrue());
    });
  }

  private static NetworkSecurityGroup withoutOne(NetworkSecurityGroup n) {
    List<SecurityRule> rs = new ArrayList<>(n.customRules());
    if (!rs.isEmpty()) {
      rs.remove(rs.size() / 2);
    }
    return n.withCustomRules(rs);
  }
}
