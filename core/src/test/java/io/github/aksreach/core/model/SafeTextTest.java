package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.Gens;
import org.junit.jupiter.api.Test;

/** Messages are one line, escaped, with values cut; idempotent. */
class SafeTextTest {
  @Test
  void controlCharactersAreEscaped() {
    assertThat(SafeText.value("a\nb\tc\u001b[31md\u202eE")).isEqualTo("a\\nb\\tc\\u001b[31md\\u202eE");
    assertThat(new ModelError("f\n.yaml", "p", "bad '\u0007'").toString()).isEqualTo("f\\n.yaml: p: bad '\\u0007'");
  }

  @Test
  void longValuesAreCutTo80Characters() {
    String v = "x".repeat(10_000_000);
    ModelError e = new ModelError("a.yaml", "spec.x", "invalid address '" + v + "': expected IPv4");
    assertThat(e.message()).isEqualTo("invalid address '" + "x".repeat(77) + "...': expected IPv4");
    assertThat(SafeText.message("word " + v).length()).isLessThanOrEqualTo(SafeText.MAX_LINE);
    assertThat(SafeText.value(v)).hasSize(80).endsWith("...");
  }

  @Test
  void apostrophesInProseAreNotValues() {
    String m = "the node's outbound NSGs " + "and more words ".repeat(10) + "don't matter";
    assertThat(SafeText.message(m)).isEqualTo(m);
  }

  @Test
  void safeTextIsAFixedPoint() {
    String m = "bad '" + "y\u0000".repeat(100) + "' and \"" + "z".repeat(300) + "\" " + "w".repeat(2000);
    String once = SafeText.message(m);
    assertThat(SafeText.message(once)).isEqualTo(once);
    assertThat(once).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(SafeText.MAX_LINE);
  }

  /** Characters at every edge of what is escaped: ASCII controls and DEL, C1, separators, bidi marks, surrogates. */
  private static final String EDGES = "a \u001f\u007e\u007f\u0080\u009f\u00a0\t\n\r\u2027\u2028\u2029\u200e\u200f"
      + "\u202a\u202e\u202f\u2065\u2066\u2069\u206a\ufeff\ud83d\ude00\u00e9";

  @Test
  void aValueHasAControlCharacterExactlyWhenEscapingOtherThanTabsAndLineEndsChangesIt() {
    qt().withExamples(3000).forAll(Gens.texts(EDGES, 0, 8))
        .checkAssert(s -> {
          String blanked = s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
          assertThat(SafeText.hasControl(s)).as("%s", SafeText.escape(s))
              .isEqualTo(!SafeText.escape(blanked).equals(blanked));
        });
  }
}
