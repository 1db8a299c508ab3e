package io.github.aksreach.nsg.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.Gens;
import org.junit.jupiter.api.Test;

/** {@link ParserBase#tagLike} reads the language of the pattern {@code [A-Za-z][A-Za-z0-9_.-]*}, exactly. */
class TagLikeProperties {
  /** The edges of each character class, and characters just outside them. */
  private static final String CHARS = "AZaz09_.-@[`{/:\u00e9\u212a*, ";

  @Test
  void tagLikeIsThePatternsLanguage() {
    qt().withExamples(5000).forAll(Gens.texts(CHARS, 0, 6)).checkAssert(t ->
        assertThat(ParserBase.tagLike(t)).as("'%s'", t).isEqualTo(t.matches("[A-Za-z][A-Za-z0-9_.\\-]*")));
    assertThat(ParserBase.tagLike("AzureLoadBalancer")).isTrue();
    assertThat(ParserBase.tagLike("Storage.WestEurope")).isTrue();
    assertThat(ParserBase.tagLike("10.0.0.0/8")).isFalse();
  }
}
