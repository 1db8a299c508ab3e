package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.aksreach.core.Gens;
import io.github.aksreach.core.match.ConcreteEvaluator;
import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.SymbolicEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowSpaceProperties {

  @Test
  void symbolicEncodingAgreesWithConcreteEvaluation() {
    int[] hits = new int[2];
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      MatchExpr m = Gens.match(r);
      FlowSpace s = SymbolicEncoder.encode(m);
      for (int i = 0; i < 40; i++) {
        Flow f = Gens.flow(r);
        boolean c = ConcreteEvaluator.matches(m, f);
        hits[c ? 1 : 0]++;
        assertThat(s.contains(f)).as("%s on %s", m, f).isEqualTo(c);
      }
    });
    assertThat(hits[0]).as("non-matching cases").isGreaterThan(100);
    assertThat(hits[1]).as("matching cases").isGreaterThan(100);
  }

  @Test
  void setAlgebraLawsWithCanonicalEquality() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      FlowSpace a = Gens.space(r);
      FlowSpace b = Gens.space(r);
      FlowSpace c = Gens.space(r);
      assertThat(a.union(b)).isEqualTo(b.union(a));
      assertThat(a.intersection(b)).isEqualTo(b.intersection(a));
      assertThat(a.union(b).union(c)).isEqualTo(a.union(b.union(c)));
      assertThat(a.intersection(b.union(c))).isEqualTo(a.intersection(b).union(a.intersection(c)));
      assertThat(a.union(b).complement()).isEqualTo(a.complement().intersection(b.complement()));
      assertThat(a.intersection(b).complement()).isEqualTo(a.complement().union(b.complement()));
      assertThat(a.difference(b).intersects(b)).isFalse();
      assertThat(a.difference(b).union(a.intersection(b))).isEqualTo(a);
      for (int i = 0; i < 20; i++) {
        Flow f = Gens.flow(r);
        assertThat(a.union(b).contains(f)).isEqualTo(a.contains(f) || b.contains(f));
        assertThat(a.difference(b).contains(f)).isEqualTo(a.contains(f) && !b.contains(f));
      }
    });
  }

  @Test
  void witnessIsAMemberAndEmptinessIsExact() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      FlowSpace a = Gens.space(r).intersection(Gens.space(r));
      Flow pref = Gens.flow(r);
      if (a.isEmpty()) {
        assertThat(a.witness()).isEmpty();
      } else {
        assertThat(a.witness(pref)).hasValueSatisfying(w -> assertThat(a.contains(w)).isTrue());
        if (a.contains(pref)) {
          assertThat(a.witness(pref)).contains(pref);
        }
      }
    });
  }

  @Test
  void fixingIsTheSetBeforeAnAssignment() {
    qt().forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      FlowSpace a = Gens.space(r);
      Flow v = Gens.flow(r);
      for (Field field : new Field[] {Field.SRC_IP, Field.DST_IP, Field.DST_PORT}) {
        FlowSpace fixed = a.fixing(field, v.keyHi(field), v.keyLo(field));
        for (int i = 0; i < 10; i++) {
          Flow f = Gens.flow(r);
          Flow assigned = field == Field.SRC_IP ? f.withSrc(v.srcIp(), f.srcPort())
              : field == Field.DST_IP ? f.withDst(v.dstIp(), f.dstPort()) : f.withDst(f.dstIp(), v.dstPort());
          assertThat(fixed.contains(f)).isEqualTo(a.contains(assigned));
        }
      }
    });
  }
}
