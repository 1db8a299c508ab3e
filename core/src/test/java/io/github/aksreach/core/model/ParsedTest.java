package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.vavr.control.Validation;
import org.junit.jupiter.api.Test;

/** The single-value parsers' plain-Java exit: the value, or an exception carrying the problem. */
class ParsedTest {
  @Test
  void orElseThrowGivesTheValueOrTheProblemAsAnException() {
    assertThat(IpPrefix.parse("10.244.0.0/16").orElseThrow().toString()).isEqualTo("10.244.0.0/16");
    assertThat(PortSet.parse("80,443").orElseThrow().contains(443)).isTrue();
    assertThat(Destination.parse("192.168.0.22:80").orElseThrow().protocol()).isEqualTo(Protocol.TCP);
    Parsed<IpAddress> bad = IpAddress.parse("10.0.0.999");
    assertThat(bad.isInvalid()).isTrue();
    assertThatThrownBy(bad::orElseThrow).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(bad.getError().message()).hasMessageContaining("10.0.0.999")
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsExactly(bad.getError()));
    assertThatThrownBy(bad::get).as("get() says the same").isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("10.0.0.999");
  }

  @Test
  void itIsAValidationEqualToVavrsInTheSameState() {
    Validation<ModelError, Protocol> v = Protocol.parse("Tcp");
    assertThat(v).isEqualTo(Validation.valid(Protocol.TCP)).hasSameHashCodeAs(Validation.valid(Protocol.TCP));
    ModelError e = ModelError.of("no");
    assertThat(Parsed.invalid(e)).isEqualTo(Validation.invalid(e)).isNotEqualTo(Validation.valid(1));
    assertThat(Parsed.of(Validation.valid(1)).map(i -> i + 1).orElseThrow()).isEqualTo(2);
    assertThat(Parsed.of(Validation.<ModelError, Integer>invalid(e)).map(i -> i + 1).getError()).isEqualTo(e);
    assertThat(Parsed.valid(1).flatMap(i -> Validation.invalid(e)).getError()).isEqualTo(e);
    assertThat(Parsed.valid(1).toValidated().orElseThrow()).isEqualTo(1);
    assertThat(Parsed.invalid(e).toValidated().getError()).containsExactly(e);
  }

  @Test
  void aPortParsesExactlyWhenItIsInRangeAndOrElseThrowAgrees() {
    qt().forAll(integers().between(-70000, 140000)).checkAssert(p -> {
      Parsed<PortSet> r = PortSet.parse(Integer.toString(p));
      boolean inRange = p >= 0 && p <= 65535;
      assertThat(r.isValid()).isEqualTo(inRange);
      if (inRange) {
        assertThat(r.orElseThrow().contains(p)).isTrue();
      } else {
        assertThatThrownBy(r::orElseThrow).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(Integer.toString(p));
      }
    });
  }
}
