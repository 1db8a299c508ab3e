package io.github.aksreach.core.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.aksreach.core.Gens;
import io.github.aksreach.core.model.Flow;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The classifier's packet-classification index against the linear first-match scan. */
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
}
