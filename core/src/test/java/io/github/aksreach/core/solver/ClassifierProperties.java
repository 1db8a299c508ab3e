package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.aksreach.core.Gens;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The classifier's packet-classification index against the linear first-match scan; a classifier whose later rules are
 * made on demand against the same rules made at once.
 */
class ClassifierProperties {

  @Test
  void indexAgreesWithLinearScan() {
    int[] decided = new int[2];
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Classifier c = Gens.filter(r, "f", "next");
      for (int i = 0; i < 30; i++) {
        Flow f = Gens.flow(r);
        int expected = c.decideLinear(f);
        decided[expected < 0 ? 0 : 1]++;
        assertThat(c.decide(f)).as("%s on %s", c.rules(), f).isEqualTo(expected);
      }
    });
    assertThat(decided[0]).as("flows no rule matched").isGreaterThan(100);
    assertThat(decided[1]).as("flows a rule matched").isGreaterThan(100);
  }

  /** {@code c} with its rules from {@code k} on made by a supplier, which counts its calls in {@code made}. */
  private static Classifier split(Classifier c, int k, AtomicInteger made) {
    List<Classifier.Rule> rules = c.rules();
    List<Classifier.Rule> head = rules.subList(0, k);
    List<Classifier.Rule> later = rules.subList(k, rules.size());
    return Classifier.of(c.key(), c.origin(), head, () -> {
      made.incrementAndGet();
      return new ArrayList<>(later);
    }, c.otherwise());
  }

  /** {@code rg}'s elements, each classifier's later rules made by a supplier from a random rule on. */
  private static List<Element> split(Gens.RandomGraph rg, Random r) {
    List<Element> split = new ArrayList<>();
    AtomicInteger made = new AtomicInteger();
    for (Element e : rg.elements()) {
      split.add(e instanceof Classifier c ? split(c, r.nextInt(c.size() + 1), made) : e);
    }
    return split;
  }

  @Test
  void laterRulesDecideAsRulesMadeAtOnceAndAreMadeOnlyForFlowsPastTheFirst() {
    int[] seen = new int[2];
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Classifier whole = Gens.filter(r, "f", "next");
      int k = r.nextInt(whole.size() + 1);
      AtomicInteger made = new AtomicInteger();
      Classifier split = split(whole, k, made);
      AtomicInteger madeToo = new AtomicInteger();
      Classifier deciding = split(whole, k, madeToo);   // asked without a cell
      Classifier head = Classifier.of(whole.key(), whole.origin(), whole.rules().subList(0, k), whole.otherwise());
      boolean passed = false;
      for (int i = 0; i < 30; i++) {
        Flow f = Gens.flow(r);
        passed |= head.decideLinear(f) < 0;
        long[] box = fullBox();
        int expected = whole.decideKeys(f.keys(), fullBox(), 0);
        assertThat(split.decideKeys(f.keys(), box, 0)).as("%s on %s", whole.rules(), f).isEqualTo(expected);
        assertThat(deciding.decide(f)).isEqualTo(expected);
        // what the solver asks of the rule it takes
        assertThat(split.outcome(expected)).isEqualTo(whole.outcome(expected));
        assertThat(split.ruleRefIfAny(expected)).isEqualTo(whole.ruleRefIfAny(expected));
        Classifier renamed = split.retargeted(ElementKey.named("g"), t -> ElementKey.named(t + "'"));
        assertThat(renamed.outcome(expected))
            .isEqualTo(whole.retargeted(ElementKey.named("g"), t -> ElementKey.named(t + "'")).outcome(expected));
        if (expected >= 0) {
          assertThat(split.ruleSpace(expected)).isEqualTo(whole.ruleSpace(expected));
          assertThat(split.ruleRef(expected)).isEqualTo(whole.ruleRef(expected));
        }
        // the cell narrowed around the flow is decided alike: its corners are
        assertThat(whole.decideKeys(corner(box, f.keys(), true))).isEqualTo(expected);
        assertThat(whole.decideKeys(corner(box, f.keys(), false))).isEqualTo(expected);
        assertThat(made.get()).as("made once, when a flow first passed the first %d rules", k).isEqualTo(passed ? 1 : 0);
        assertThat(madeToo.get()).isEqualTo(passed ? 1 : 0);
      }
      seen[passed ? 1 : 0]++;
      assertThat(split.size()).isEqualTo(whole.size());
      assertThat(split.rules()).isEqualTo(whole.rules());
      assertThat(made.get()).isLessThanOrEqualTo(1);
    });
    assertThat(seen[0]).as("classifiers whose later rules no flow needed").isGreaterThan(50);
    assertThat(seen[1]).as("classifiers whose later rules were made").isGreaterThan(50);
  }

  @Test
  void laterRulesAreNotMadeForASpaceTheFirstRulesUseUp() {
    Classifier c = Classifier.of(ElementKey.named("c"), Origin.of(HopKind.named("FILTER"), "c"),
        List.of(Classifier.Rule.of(RuleRef.of("all"), io.github.aksreach.core.match.MatchExprs.TRUE,
            Outcome.next("sink", "every flow"))), () -> {
          throw new AssertionError("later rules made");
        }, Outcome.drop("FILTER", "none"));
    ElementGraph g = ElementGraph.of(List.of(c, Sink.of("sink", "sink", "SINK")));
    assertThat(PathSolver.solve(g, c.key(), FlowSpace.all()).paths()).hasSize(1);
    assertThat(c.toString()).isEqualTo("Classifier[c, 1 rules and more not made yet]");
  }

  @Test
  void laterRulesPartitionSpacesAsRulesMadeAtOnce() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      List<Element> split = split(rg, r);
      FlowSpace q = Gens.space(r);
      PathTree expected = PathSolver.solve(ElementGraph.of(rg.elements()), rg.start(), q);
      PathTree actual = PathSolver.solve(ElementGraph.of(split), rg.start(), q);
      assertThat(actual.paths()).isEqualTo(expected.paths());
    });
  }

  @Test
  void laterRulesAnswerMemoizedFlowsAsRulesMadeAtOnce() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      List<Element> split = split(rg, r);
      SolveOptions options = r.nextBoolean() ? SolveOptions.defaults() : SolveOptions.explaining();
      ConcreteMemo memo = new ConcreteMemo(ElementGraph.of(split), rg.start(), options, 1 + r.nextInt(6));
      for (int i = 0; i < 20; i++) {
        Flow f = Gens.flow(r);
        PathTree fresh = PathSolver.solve(ElementGraph.of(rg.elements()), rg.start(), f, options);
        assertThat(memo.solve(f).paths()).as("%s", f).isEqualTo(fresh.paths());
      }
    });
  }

  /** Every header: per field, the inclusive bounds zero to the greatest 128-bit key. */
  private static long[] fullBox() {
    int fields = io.github.aksreach.core.model.Field.values().length;
    long[] box = new long[4 * fields];
    for (int f = 0; f < fields; f++) {
      box[4 * f + 2] = -1L;
      box[4 * f + 3] = -1L;
    }
    return box;
  }

  /** The low ({@code low}) or high corner of {@code box}. */
  private static long[] corner(long[] box, long[] keys, boolean low) {
    long[] k = new long[keys.length];
    for (int f = 0; f < keys.length / 2; f++) {
      k[2 * f] = box[4 * f + (low ? 0 : 2)];
      k[2 * f + 1] = box[4 * f + (low ? 1 : 3)];
    }
    return k;
  }
}
