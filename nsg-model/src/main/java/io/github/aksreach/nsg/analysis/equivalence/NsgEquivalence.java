package io.github.aksreach.nsg.analysis.equivalence;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.nsg.eval.CompiledNsg;
import io.github.aksreach.nsg.eval.NsgPartition;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.List;
import java.util.Optional;

/**
 * NSG equivalence, exact, stopping at the first witness: do two NSGs (one direction each) allow the same flows of a
 * space, and if not, one flow they decide differently.
 *
 * <pre>{@code
 * CompiledNsg a = CompiledNsg.of(nsgBefore, Direction.INBOUND, resolver);
 * CompiledNsg b = CompiledNsg.of(nsgAfter, Direction.INBOUND, resolver);
 * Optional<NsgEquivalence.Difference> d = NsgEquivalence.firstDifference(a, b, FlowSpace.all());
 * d.isEmpty();                 // true: equivalent on every flow
 * d.get().flow();              // else a flow one allows and the other does not
 * d.get().ruleA();             // with the rule that decides it in each (empty: no rule matched, so denied)
 * FlowSpace all = NsgEquivalence.differences(a, b, FlowSpace.all());   // every such flow (the full computation)
 * }</pre>
 *
 * <p>How: when both list, in evaluation order, rules of the same access matching the same flows, they are
 * equivalent and nothing else is computed. Otherwise first one concrete flow per rule of either NSG (a witness of what the rule matches) is decided by both
 * through their classification indexes; most differences show there, at the cost of a lookup. Only when none does
 * are both partitioned in full and their allowed sets compared (what {@link #differences} does). Flows no rule
 * matches are denied (Azure's default rules match every flow, so this only matters for hand-built rule lists).
 */
public final class NsgEquivalence {
  private NsgEquivalence() {}

  /**
   * A flow the two NSGs decide differently.
   *
   * @param flow the flow
   * @param ruleA the rule of the first NSG that decides it, if any rule matches
   * @param ruleB the rule of the second NSG that decides it, if any rule matches
   */
  public record Difference(Flow flow, Optional<SecurityRule> ruleA, Optional<SecurityRule> ruleB) {}

  /** One flow of {@code within} that one NSG allows and the other does not, or empty when they agree on all. */
  public static Optional<Difference> firstDifference(CompiledNsg a, CompiledNsg b, FlowSpace within) {
    if (sameDecisions(a, b)) {
      return Optional.empty();
    }
    Optional<Difference> probed = probe(a, b, within);
    if (probed.isPresent()) {
      return probed;
    }
    return differences(a, b, within).witness().map(f -> difference(a, b, f));
  }

  /** Every flow of {@code within} that one NSG allows and the other does not: both partitions in full. */
  public static FlowSpace differences(CompiledNsg a, CompiledNsg b, FlowSpace within) {
    NsgPartition pa = a.partition(within);
    NsgPartition pb = b.partition(within);
    return pa.allowed().difference(pb.allowed()).union(pb.allowed().difference(pa.allowed()));
  }

  /**
   * Whether the two decide every flow alike by construction: the same number of rules, in evaluation order each with
   * the same access and the same matched flows (canonical diagrams, compared by identity; names, priorities and the
   * way addresses are written do not matter). First match over equal lists is the same function, so no probe and no
   * partition is needed: the equivalent case, which the probes could only confirm by the full comparison after them.
   */
  static boolean sameDecisions(CompiledNsg a, CompiledNsg b) {
    if (a.rules().size() != b.rules().size()) {
      return false;
    }
    for (int i = 0; i < a.rules().size(); i++) {
      if (a.rules().get(i).access() != b.rules().get(i).access() || !a.space(i).equals(b.space(i))) {
        return false;
      }
    }
    return true;
  }

  /** A witness of each rule of either NSG, decided by both: a difference found by lookups alone. */
  private static Optional<Difference> probe(CompiledNsg a, CompiledNsg b, FlowSpace within) {
    for (CompiledNsg c : List.of(a, b)) {
      for (int i = 0; i < c.rules().size(); i++) {
        FlowSpace m = within.isAll() ? c.space(i) : c.space(i).intersection(within);
        Optional<Flow> w = m.witness();
        if (w.isPresent() && allows(a, w.get()) != allows(b, w.get())) {
          return Optional.of(difference(a, b, w.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean allows(CompiledNsg c, Flow f) {
    int i = c.decideIndex(f);
    return i >= 0 && c.rules().get(i).access() == Access.ALLOW;
  }

  private static Difference difference(CompiledNsg a, CompiledNsg b, Flow f) {
    return new Difference(f, rule(a, f), rule(b, f));
  }

  private static Optional<SecurityRule> rule(CompiledNsg c, Flow f) {
    int i = c.decideIndex(f);
    return i < 0 ? Optional.empty() : Optional.of(c.rules().get(i));
  }

}
