package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.Gens;
import org.junit.jupiter.api.Test;

class PortSetProperties {

  @Test
  void setAlgebraLaws() {
    qt().forAll(Gens.portSets(), Gens.portSets(), Gens.portSets()).checkAssert((a, b, c) -> {
      assertThat(a.union(b)).isEqualTo(b.union(a));
      assertThat(a.union(b).union(c)).isEqualTo(a.union(b.union(c)));
      assertThat(a.intersection(b).intersection(c)).isEqualTo(a.intersection(b.intersection(c)));
      assertThat(a.union(b).complement()).isEqualTo(a.complement().intersection(b.complement()));
      assertThat(a.difference(b).intersection(b).isEmpty()).isTrue();
      assertThat(a.difference(b).union(a.intersection(b))).isEqualTo(a);
      assertThat(PortSet.of(a.ranges())).isEqualTo(a);
      for (int p = 0; p <= Gens.MAX_PORT + 1; p++) {
        assertThat(a.union(b).contains(p)).isEqualTo(a.contains(p) || b.contains(p));
        assertThat(a.difference(b).contains(p)).isEqualTo(a.contains(p) && !b.contains(p));
      }
    });
  }
}
