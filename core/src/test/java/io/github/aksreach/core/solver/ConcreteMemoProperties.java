package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.aksreach.core.Gens;
import io.github.aksreach.core.model.Flow;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The class memo answers exactly as a fresh concrete walk, whether it walks (miss) or reuses a class (hit). */
class ConcreteMemoProperties {
  private static final AtomicInteger HITS = new AtomicInteger();
  private static final AtomicInteger MISSES = new AtomicInteger();

  @AfterAll
  static void bothHitsAndMissesWereExercised() {
    assertThat(HITS.get()).as("memo hits").isGreaterThan(500);
    assertThat(MISSES.get()).as("memo misses").isGreaterThan(500);
  }

  @Test
  void memoizedSolvesEqualFreshSolves() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      Gens.RandomGraph rg = Gens.graph(r);
      ElementGraph g = ElementGraph.of(rg.elements());
      SolveOptions options = r.nextBoolean() ? SolveOptions.defaults() : SolveOptions.explaining();
      ConcreteMemo memo = new ConcreteMemo(g, rg.start(), options, 1 + r.nextInt(6));
      for (int i = 0; i < 20; i++) {
        Flow f = Gens.flow(r);
        int before = memo.size();
        PathTree fresh = PathSolver.solve(g, rg.start(), f, options);
        PathTree memoized = memo.solve(f);
        (memo.size() == before && before > 0 ? HITS : MISSES).incrementAndGet();
        assertSame(fresh, memoized, f);
        // a neighbour of the same flow: often the same class
        Flow g2 = f.withSrc(f.srcIp(), f.srcPort() ^ 1);
        PathTree neighbour = PathSolver.solve(g, rg.start(), g2, options);
        assertSame(neighbour, memo.solve(g2), g2);
        assertThat(memo.verdict(g2)).isEqualTo(neighbour.verdict(g2));
      }
    });
  }

  private static void assertSame(PathTree expected, PathTree actual, Flow f) {
    assertThat(actual.query()).isEqualTo(expected.query());
    List<PathResult> e = expected.paths();
    List<PathResult> a = actual.paths();
    assertThat(a).as("paths of %s", f).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      assertThat(a.get(i)).as("path %d of %s", i, f).isEqualTo(e.get(i));
    }
    assertThat(actual.verdict(f)).isEqualTo(expected.verdict(f));
  }
}
