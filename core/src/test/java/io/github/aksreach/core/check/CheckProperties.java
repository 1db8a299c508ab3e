package io.github.aksreach.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Laws of the fluent checks against a direct reference: a fluent check reports exactly the items the filter selects
 * and the condition rejects; {@code and}/{@code or} of conditions follow Boolean logic per item; an empty selection
 * is one finding unless allowed.
 */
class CheckProperties {
  private static final Gen<List<Integer>> ITEMS = SourceDSL.lists().of(SourceDSL.integers().between(0, 20))
      .ofSizeBetween(0, 12);

  private static PolicyCondition<Integer> divisibleBy(int d) {
    return PolicyCondition.fromPredicate("be divisible by " + d, i -> i % d == 0, i -> i + " % " + d);
  }

  private static DescribedPredicate<Integer> below(int n) {
    return DescribedPredicate.describe("are below " + n, i -> i < n);
  }

  @Test
  void fluentChecksAgreeWithTheReference() {
    int[] counts = new int[3];
    qt().withExamples(300).forAll(ITEMS, SourceDSL.integers().between(1, 4), SourceDSL.integers().between(1, 4),
        SourceDSL.integers().between(0, 21)).checkAssert((items, a, b, limit) -> {
          SubjectTransformer<List<Integer>, Integer> all = SubjectTransformer.of("numbers", l -> l);
          List<Integer> selected = new ArrayList<>();
          items.forEach(i -> {
            if (i < limit) {
              selected.add(i);
            }
          });
          List<String> andExpected = new ArrayList<>();
          List<String> orExpected = new ArrayList<>();
          for (int i : selected) {
            boolean okA = i % a == 0;
            boolean okB = i % b == 0;
            if (!okA) {
              andExpected.add(i + " % " + a);
            }
            if (!okB) {
              andExpected.add(i + " % " + b);
            }
            if (!okA && !okB) {
              orExpected.add(i + " % " + a);
              orExpected.add(i + " % " + b);
            }
          }
          List<String> andActual = messages(Checks.all(all).that(below(limit)).should(divisibleBy(a).and(divisibleBy(b)))
              .allowEmpty(true).evaluate(items));
          List<String> orActual = messages(Checks.all(all).that(below(limit)).should(divisibleBy(a).or(divisibleBy(b)))
              .allowEmpty(true).evaluate(items));
          assertThat(andActual).isEqualTo(andExpected);
          assertThat(orActual).isEqualTo(orExpected);
          CheckResult strict = Checks.all(all).that(below(limit)).should(divisibleBy(a)).evaluate(items);
          if (selected.isEmpty()) {
            assertThat(strict.findings()).hasSize(1);
            counts[0]++;
          } else {
            assertThat(strict.findings().size()).isEqualTo(selected.stream().filter(i -> i % a != 0).count());
            counts[strict.hasFindings() ? 1 : 2]++;
          }
        });
    // the generator covers empty selections, violations and passes
    assertThat(java.util.Arrays.stream(counts).min().getAsInt()).isGreaterThan(10);
  }

  private static List<String> messages(CheckResult r) {
    List<String> out = new ArrayList<>();
    r.findings().forEach(f -> out.add(f.message()));
    return out;
  }
}
