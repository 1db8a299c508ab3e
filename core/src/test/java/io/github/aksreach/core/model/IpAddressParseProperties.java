package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.aksreach.core.Gens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Dotted quads parse as a plain reading of the text says: four parts, each one to three digits without a leading
 * zero and at most 255. The oracle here splits the text; the parser reads it in one pass and explains a refusal.
 */
class IpAddressParseProperties {
  private static final String CHARS = "0123456789..";

  /** The value of {@code t} as four octets, or -1: the reference reading. */
  private static long reference(String t) {
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (!p.matches("[0-9]{1,3}") || (p.length() > 1 && p.startsWith("0")) || Integer.parseInt(p) > 255) {
        return -1;
      }
      v = v << 8 | Integer.parseInt(p);
    }
    return v;
  }

  private static Gen<String> nearQuads() {
    Gen<String> octet = integers().between(0, 1100).map(i -> i > 1000 ? "0" + (i - 1000) : Integer.toString(i));
    return lists().of(octet).ofSizeBetween(0, 6).map(os -> String.join(".", os));
  }

  private static void agrees(String t) {
    long expected = reference(t);
    // the one-pass reading takes every address it should (a miss would still parse, by the slow reading, unseen)
    assertThat(IpAddress.plainV4(t)).as("'%s' in one pass", t).isEqualTo(expected);
    assertThat(IpAddress.dottedQuad("9," + t + ",9", 2, 2 + t.length())).as("'%s' as a field", t).isEqualTo(expected);
    Parsed<IpAddress> p = IpAddress.parse(t);
    if (expected < 0) {
      assertThat(p.isValid()).as("'%s' refused", t).isFalse();
    } else {
      assertThat(p.isValid()).as("'%s' read", t).isTrue();
      assertThat(p.get().toString()).isEqualTo(((expected >> 24) & 255) + "." + ((expected >> 16) & 255) + "."
          + ((expected >> 8) & 255) + "." + (expected & 255));
    }
  }

  @Test
  void dottedQuadsParseAsTheirPartsSay() {
    qt().withExamples(4000).forAll(nearQuads()).checkAssert(IpAddressParseProperties::agrees);
    qt().withExamples(4000).forAll(Gens.texts(CHARS, 0, 18)).checkAssert(IpAddressParseProperties::agrees);
  }

  @Test
  void aRefusalStillSaysWhatIsWrong() {
    for (String t : List.of("10.0.0", "10.0.0.256", "10.0.0.01", "10.0..1", "10.0.0.1.", "1000.0.0.1")) {
      assertThat(IpAddress.parse(t).isValid()).isFalse();
    }
    assertThat(IpAddress.parse("10.0.0.01").getError().toString()).contains("leading zero");
    assertThat(IpAddress.parse("10.0.0.256").getError().toString()).contains("greater than 255");
    assertThat(IpAddress.parse("10.0.0").getError().toString()).contains("found 3");
  }
}
