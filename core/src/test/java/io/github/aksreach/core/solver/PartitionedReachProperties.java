package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.aksreach.core.Gens;
import io.github.aksreach.core.internal.Dd;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reach solved per kind of source ({@link PathTree#reachBySource(FlowSpace, List)}) against one solve of a graph
 * whose entry classifier sends each kind of source to its own element: the answers must be equal. This is how
 * {@code AksReachability#reach} answers, one solve per class of in-cluster source over every source address.
 */
class PartitionedReachProperties {
  private static final AtomicInteger NONTRIVIAL = new AtomicInteger();

  @AfterAll
  static void partsDifferedOften() {
    // the property means something only if the parts' answers often differ from what one tree says for all
    assertThat(NONTRIVIAL.get()).as("cases where some part's own tree disagreed with the default part's")
        .isGreaterThan(50);
  }

  @Test
  void solvingPerKindOfSourceEqualsOneSolveWithAnEntryClassifier() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      List<Element> es = new ArrayList<>(rg.elements());
      List<ElementKey> entries = new ArrayList<>();
      for (Element e : es) {
        entries.add(e.key());
      }
      // the universe's sources in up to 4 disjoint, scattered kinds (the rest is the default kind)
      List<IpSet> kinds = new ArrayList<>();
      List<ElementKey> kindEntries = new ArrayList<>();
      IpSet taken = IpSet.empty();
      int n = 1 + r.nextInt(4);
      for (int k = 0; k < n; k++) {
        List<IpPrefix> ps = new ArrayList<>();
        for (IpAddress a : Gens.universe()) {
          if (r.nextInt(4) == 0) {
            ps.add(IpPrefix.of(a, a.family().bits()));
          }
        }
        IpSet s = IpSet.ofPrefixes(ps).difference(taken);
        if (!s.isEmpty()) {
          kinds.add(s);
          kindEntries.add(entries.get(r.nextInt(entries.size())));
          taken = taken.union(s);
        }
      }
      ElementKey otherwise = rg.start();
      List<Classifier.Rule> rules = new ArrayList<>();
      for (int k = 0; k < kinds.size(); k++) {
        rules.add(Classifier.Rule.of(RuleRef.of("kind " + k), MatchExprs.ip(Field.SRC_IP, kinds.get(k)),
            Outcome.next(kindEntries.get(k), "kind " + k)));
      }
      es.add(Classifier.of("entry", "entry", "ENTRY", rules, Outcome.next(otherwise, "other sources")));
      ElementGraph g = ElementGraph.of(es);
      FlowSpace q = Gens.space(r).restrictTo(Field.SRC_IP,
          IpSet.ofPrefixes(List.of(Gens.V4_UNIVERSE, Gens.V6_UNIVERSE)));

      ReachSets whole = PathSolver.solve(g, ElementKey.named("entry"), q).reachBySource();

      // each part solved over every source, its query cut in two disjoint pieces
      FlowSpace cut = Gens.space(r);
      List<PathTree.SourcePart> parts = new ArrayList<>();
      PathTree others = PathSolver.solve(g, otherwise, q);
      for (int k = 0; k < kinds.size(); k++) {
        PathTree a = PathSolver.solve(g, kindEntries.get(k), q.intersection(cut));
        PathTree b = PathSolver.solve(g, kindEntries.get(k), q.difference(cut));
        parts.add(new PathTree.SourcePart(kinds.get(k), List.of(a, b)));
        if (!Dd.apply(a.fractions(), b.fractions(), (x, y) -> ((Weight) x).plus((Weight) y))
            .equals(others.fractions())) {
          NONTRIVIAL.incrementAndGet();
        }
      }
      parts.add(new PathTree.SourcePart(IpSet.all().difference(taken), List.of(others)));
      assertThat(PathTree.reachBySource(q, parts)).as("graph %s", es).isEqualTo(whole);
    });
  }

  @Test
  void fractionsEqualTheSumOfEveryDeliveredPathInOrder() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      PathTree t = PathSolver.solve(ElementGraph.of(rg.elements()), rg.start(), Gens.space(r));
      Dd expected = Dd.leaf(Weight.ZERO);
      for (PathResult p : t.paths()) {
        if (p.delivered()) {
          Weight w = p.weight();
          Dd part = Dd.mapLeaves(p.space().diagram(), b -> (Boolean) b ? w : Weight.ZERO);
          expected = Dd.apply(expected, part, (x, y) -> ((Weight) x).plus((Weight) y));
        }
      }
      assertThat(t.fractions()).isEqualTo(expected);
    });
  }

  @Test
  void partsThatLeaveSourcesOutOrOverlapAreRejected() {
    FlowSpace q = FlowSpace.where(Field.SRC_IP, IpSet.of(Gens.V4_UNIVERSE));
    PathTree t = PathSolver.solve(ElementGraph.of(List.of(Sink.of("s", "s", "SINK"))), ElementKey.named("s"), q);
    IpSet low = IpSet.parse("10.0.0.0/29").get();
    IpSet high = IpSet.parse("10.0.0.8/29").get();
    assertThat(PathTree.reachBySource(q, List.of(new PathTree.SourcePart(low, List.of(t)),
        new PathTree.SourcePart(high, List.of(t)))).always()).isEqualTo(IpSet.of(Gens.V4_UNIVERSE));
    assertThatThrownBy(() -> PathTree.reachBySource(q, List.of(new PathTree.SourcePart(low, List.of(t)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cover");
    assertThatThrownBy(() -> PathTree.reachBySource(q, List.of(new PathTree.SourcePart(low, List.of(t)),
        new PathTree.SourcePart(IpSet.of(Gens.V4_UNIVERSE), List.of(t)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disjoint");
  }
}
