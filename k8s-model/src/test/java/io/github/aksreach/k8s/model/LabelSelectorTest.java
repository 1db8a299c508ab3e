package io.github.aksreach.k8s.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  @Test
  void emptySelectorSelectsEverything() {
    assertThat(LabelSelector.everything().matches(Map.of())).isTrue();
    assertThat(LabelSelector.everything().matches(Map.of("app", "x"))).isTrue();
    assertThat(LabelSelector.everything().isEmpty()).isTrue();
  }

  @Test
  void matchLabelsAndExpressionsAreAnded() {
    LabelSelector s = LabelSelector.builder().putMatchLabels("app", "web")
        .addMatchExpressions(LabelSelectorRequirement.of("tier", SelectorOperator.IN, List.of("a", "b")))
        .build();
    assertThat(s.matches(Map.of("app", "web", "tier", "a"))).isTrue();
    assertThat(s.matches(Map.of("app", "web", "tier", "c"))).isFalse();
    assertThat(s.matches(Map.of("app", "web"))).isFalse();
    assertThat(s.matches(Map.of("tier", "a"))).isFalse();
    assertThat(s.toString()).isEqualTo("{app=web, tier In [a, b]}");
  }

  @Test
  void operatorsFollowKubernetes() {
    LabelSelectorRequirement notIn = LabelSelectorRequirement.of("env", SelectorOperator.NOT_IN, List.of("prod"));
    assertThat(notIn.matches(Map.of())).as("NotIn matches an absent label").isTrue();
    assertThat(notIn.matches(Map.of("env", "dev"))).isTrue();
    assertThat(notIn.matches(Map.of("env", "prod"))).isFalse();
    LabelSelectorRequirement exists = LabelSelectorRequirement.of("env", SelectorOperator.EXISTS, List.of());
    assertThat(exists.matches(Map.of("env", ""))).isTrue();
    assertThat(exists.matches(Map.of())).isFalse();
    LabelSelectorRequirement absent = LabelSelectorRequirement.of("env", SelectorOperator.DOES_NOT_EXIST, List.of());
    assertThat(absent.matches(Map.of())).isTrue();
    assertThat(absent.matches(Map.of("env", "x"))).isFalse();
  }

  @Test
  void requirementsCheckTheirValues() {
    assertThatThrownBy(() -> LabelSelectorRequirement.of("a", SelectorOperator.IN, List.of()))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("needs values");
    assertThatThrownBy(() -> LabelSelectorRequirement.of("a", SelectorOperator.EXISTS, List.of("x")))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("takes no values");
    assertThat(SelectorOperator.fromApiName("NotIn")).contains(SelectorOperator.NOT_IN);
    assertThat(SelectorOperator.fromApiName("notin")).isEmpty();
  }
}
