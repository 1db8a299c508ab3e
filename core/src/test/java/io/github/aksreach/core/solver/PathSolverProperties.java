package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.aksreach.core.Gens;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The symbolic solver against the reference evaluator on random small graphs. */
class PathSolverProperties {
  private static final Map<Verdict.Kind, Integer> SEEN = new EnumMap<>(Verdict.Kind.class);
  /** How many universe sources reachBySource put in each set: the agreement property must meet all three. */
  private static final Map<Verdict.Kind, Integer> REACH_SEEN = new EnumMap<>(Verdict.Kind.class);

  private static void count(Verdict.Kind k) {
    synchronized (SEEN) {
      SEEN.merge(k, 1, Integer::sum);
    }
  }

  @AfterAll
  static void generatorsProduceEveryVerdict() {
    assertThat(SEEN.getOrDefault(Verdict.Kind.ALWAYS, 0)).as("ALWAYS cases").isGreaterThan(50);
    assertThat(SEEN.getOrDefault(Verdict.Kind.SOMETIMES, 0)).as("SOMETIMES cases").isGreaterThan(50);
    assertThat(SEEN.getOrDefault(Verdict.Kind.NEVER, 0)).as("NEVER cases").isGreaterThan(50);
    assertThat(REACH_SEEN.getOrDefault(Verdict.Kind.ALWAYS, 0)).as("sources reaching ALWAYS").isGreaterThan(50);
    assertThat(REACH_SEEN.getOrDefault(Verdict.Kind.SOMETIMES, 0)).as("sources reaching SOMETIMES").isGreaterThan(50);
    assertThat(REACH_SEEN.getOrDefault(Verdict.Kind.NEVER, 0)).as("sources reaching NEVER").isGreaterThan(50);
  }

  @Test
  void symbolicSolverAgreesWithReferenceOnRandomFlows() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      ElementGraph g = ElementGraph.of(rg.elements());
      PathTree all = PathSolver.solve(g, rg.start(), FlowSpace.all());
      for (int i = 0; i < 15; i++) {
        Flow f = Gens.flow(r);
        Weight expected = ReferenceEvaluator.deliveredFraction(ReferenceEvaluator.evaluate(g, rg.start(), f));
        Verdict v = all.verdict(f);
        count(v.kind());
        assertThat(v.deliveredFraction()).as("flow %s, graph %s", f, rg.elements()).isEqualTo(expected);
        Verdict concrete = PathSolver.solve(g, rg.start(), f, SolveOptions.defaults()).verdict(f);
        assertThat(concrete.deliveredFraction()).isEqualTo(expected);
      }
    });
  }

  @Test
  void weightsOfEveryFlowSumToOne() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      PathTree all = PathSolver.solve(ElementGraph.of(rg.elements()), rg.start(), Gens.space(r));
      for (int i = 0; i < 10; i++) {
        Flow f = Gens.flow(r);
        Weight total = Weight.ZERO;
        for (PathResult p : all.verdict(f).paths()) {
          total = total.plus(p.weight());
        }
        assertThat(total).isEqualTo(all.query().contains(f) ? Weight.ONE : Weight.ZERO);
      }
    });
  }

  @Test
  void finalHeadersMatchTheReference() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      ElementGraph g = ElementGraph.of(rg.elements());
      Flow f = Gens.flow(r);
      List<Flow> expected = new ArrayList<>();
      for (ReferenceEvaluator.Outcome o : ReferenceEvaluator.evaluate(g, rg.start(), f)) {
        if (o.delivered()) {
          expected.add(o.finalHeader());
        }
      }
      List<Flow> actual = new ArrayList<>();
      for (PathResult p : PathSolver.solve(g, rg.start(), FlowSpace.all()).verdict(f).paths()) {
        if (p.delivered()) {
          actual.add(Hop.apply(f, p.finalRewrites()));
        }
      }
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    });
  }

  @Test
  void addingAnAllowNeverLowersAndADenyNeverRaises() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      List<Element> es = rg.elements();
      List<Integer> filters = new ArrayList<>();
      for (int i = 0; i < es.size(); i++) {
        if (es.get(i) instanceof Classifier) {
          filters.add(i);
        }
      }
      if (filters.isEmpty()) {
        return;
      }
      int at = filters.get(r.nextInt(filters.size()));
      Classifier c = (Classifier) es.get(at);
      ElementKey allowTarget = allowTargetOf(c);
      Classifier.Rule extra = Classifier.Rule.of(RuleRef.of("extra", 99), Gens.match(r),
          r.nextBoolean() ? Outcome.next(allowTarget, "allowed") : Outcome.drop("FILTER", "denied"));
      List<Classifier.Rule> rules = new ArrayList<>(c.rules());
      rules.add(r.nextInt(rules.size() + 1), extra);
      List<Element> changed = new ArrayList<>(es);
      changed.set(at, Classifier.of(c.key(), c.origin(), rules, c.otherwise()));
      PathTree before = PathSolver.solve(ElementGraph.of(es), rg.start(), FlowSpace.all());
      PathTree after = PathSolver.solve(ElementGraph.of(changed), rg.start(), FlowSpace.all());
      for (int i = 0; i < 15; i++) {
        Flow f = Gens.flow(r);
        int cmp = after.verdict(f).deliveredFraction().compareTo(before.verdict(f).deliveredFraction());
        if (extra.outcome() instanceof Outcome.Next) {
          assertThat(cmp).as("allow rule lowered %s", f).isGreaterThanOrEqualTo(0);
        } else {
          assertThat(cmp).as("deny rule raised %s", f).isLessThanOrEqualTo(0);
        }
      }
    });
  }

  private static ElementKey allowTargetOf(Classifier c) {
    if (c.otherwise() instanceof Outcome.Next) {
      return ((Outcome.Next) c.otherwise()).target();
    }
    return ((Outcome.Drop) c.otherwise()).bypassTo().orElseThrow();
  }

  @Test
  void reachBySourceAgreesWithPerFlowVerdicts() {
    qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      Flow probe = Gens.flow(r);
      // one destination, one protocol, every source address and port of the small universe
      FlowSpace q = FlowSpace.of(probe)
          .union(FlowSpace.all()).intersection(FlowSpace.where(Field.DST_IP, IpSet.of(probe.dstIp())))
          .intersection(FlowSpace.where(io.github.aksreach.core.model.ProtocolSet.of(probe.protocol())))
          .intersection(FlowSpace.where(Field.DST_PORT, io.github.aksreach.core.model.PortSet.of(probe.dstPort())))
          .intersection(FlowSpace.where(Field.SRC_IP, IpSet.ofPrefixes(List.of(Gens.V4_UNIVERSE, Gens.V6_UNIVERSE))));
      PathTree t = PathSolver.solve(ElementGraph.of(rg.elements()), rg.start(), q);
      ReachSets rs = t.reachBySource();
      assertThat(rs.always().union(rs.sometimes()).union(rs.never())).isEqualTo(q.ips(Field.SRC_IP));
      assertThat(rs.always().intersects(rs.never())).isFalse();
      for (IpAddress src : Gens.universe()) {
        Verdict.Kind[] seen = new Verdict.Kind[Gens.MAX_PORT + 1];
        boolean allAlways = true;
        boolean allNever = true;
        for (int sp = 0; sp <= Gens.MAX_PORT; sp++) {
          Flow f = probe.withSrc(src, sp);
          seen[sp] = t.verdict(f).kind();
          allAlways &= seen[sp] == Verdict.Kind.ALWAYS;
          allNever &= seen[sp] == Verdict.Kind.NEVER;
        }
        if (rs.always().contains(src)) {
          assertThat(allNever).isFalse();
          assertThat(seen).containsOnly(Verdict.Kind.ALWAYS);
        }
        if (rs.never().contains(src)) {
          assertThat(seen).containsOnly(Verdict.Kind.NEVER);
        }
        Verdict.Kind cls = rs.always().contains(src) ? Verdict.Kind.ALWAYS
            : rs.never().contains(src) ? Verdict.Kind.NEVER : Verdict.Kind.SOMETIMES;
        synchronized (REACH_SEEN) {
          REACH_SEEN.merge(cls, 1, Integer::sum);
        }
        if (rs.sometimes().contains(src)) {
          assertThat(allAlways || allNever).as("sometimes source %s", src).isFalse();
        }
      }
    });
  }
}
