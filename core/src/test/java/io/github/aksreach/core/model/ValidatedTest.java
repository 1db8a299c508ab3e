package io.github.aksreach.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import org.junit.jupiter.api.Test;

/** {@link Validated}: a vavr Validation whose steps stay Validated and whose plain-Java exit carries every message. */
class ValidatedTest {
  private static final Validated<Integer> BAD = Validated.invalid(Vector.of(
      ModelError.of("not a port: 'x'").at("k8s/svc.yaml", "spec.ports[0].port"),
      ModelError.of("unknown protocol 'TCPX'").at("k8s/svc.yaml", "spec.ports[1].protocol")));

  @Test
  void orElseThrowCarriesEveryMessage() {
    assertThatThrownBy(BAD::orElseThrow).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("k8s/svc.yaml: spec.ports[0].port: not a port: 'x'")
        .hasMessageContaining("k8s/svc.yaml: spec.ports[1].protocol: unknown protocol 'TCPX'")
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).hasSize(2));
    assertThat(Validated.valid(80).orElseThrow()).isEqualTo(80);
  }

  @Test
  void mapAndFlatMapStayValidatedAndKeepTheErrors() {
    Validated<String> mapped = BAD.map(p -> "port " + p);
    assertThat(mapped.getError()).isEqualTo(BAD.getError());
    Validated<Integer> chained = Validated.valid(80).flatMap(p -> p > 65535 ? BAD : Validation.valid(p + 1));
    assertThat(chained.orElseThrow()).isEqualTo(81);
    // the next step's errors, as a plain vavr Validation, come back Validated
    Validated<Integer> refused = Validated.valid(80).flatMap(p -> Validation.invalid(BAD.getError()));
    assertThatThrownBy(refused::orElseThrow).hasMessageContaining("unknown protocol 'TCPX'");
    // a refused first step never runs the next
    assertThat(BAD.flatMap(p -> {
      throw new AssertionError("ran after a refused step");
    }).getError()).hasSize(2);
  }
}
