package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.List;
import java.util.Map;

/**
 * One {@code matchExpressions} entry of a label selector.
 *
 * <pre>{@code
 * LabelSelectorRequirement r = LabelSelectorRequirement.of("app", SelectorOperator.IN, List.of("ns-bozo"));
 * r.matches(Map.of("app", "ns-bozo"));   // true
 * r.matches(Map.of());                   // false
 * }</pre>
 *
 * @param key the label key
 * @param operator how the label is tested
 * @param values the values; non-empty for {@code In}/{@code NotIn}, empty for {@code Exists}/{@code DoesNotExist}
 */
public record LabelSelectorRequirement(String key, SelectorOperator operator, List<String> values) {
  public LabelSelectorRequirement {
    if (key == null || operator == null || values == null) {
      throw new InvalidModelException("LabelSelectorRequirement fields must not be null");
    }
    values = List.copyOf(values);
    boolean needsValues = operator == SelectorOperator.IN || operator == SelectorOperator.NOT_IN;
    if (needsValues && values.isEmpty()) {
      throw new InvalidModelException("selector requirement '" + key + " " + operator + "' needs values");
    }
    if (!needsValues && !values.isEmpty()) {
      throw new InvalidModelException("selector requirement '" + key + " " + operator + "' takes no values");
    }
  }

  public static LabelSelectorRequirement of(String key, SelectorOperator operator, List<String> values) {
    return new LabelSelectorRequirement(key, operator, values);
  }

  /** Whether a set of labels satisfies this requirement. */
  public boolean matches(Map<String, String> labels) {
    String v = labels.get(key);
    switch (operator) {
      case IN:
        return v != null && values.contains(v);
      case NOT_IN:
        return v == null || !values.contains(v);
      case EXISTS:
        return v != null;
      case DOES_NOT_EXIST:
        return v == null;
      default:
        throw new IllegalStateException();
    }
  }

  @Override
  public String toString() {
    return values.isEmpty() ? key + " " + operator : key + " " + operator + " " + values;
  }
}
