package io.github.aksreach.k8s.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A Kubernetes label selector: {@code matchLabels} AND every {@code matchExpressions} requirement. The empty selector
 * ({@code {}}) selects everything.
 *
 * <pre>{@code
 * LabelSelector s = LabelSelector.builder()
 *     .putMatchLabels("app.kubernetes.io/name", "aspnetapp")
 *     .addMatchExpressions(LabelSelectorRequirement.of("tier", SelectorOperator.EXISTS, List.of()))
 *     .build();
 * s.matches(Map.of("app.kubernetes.io/name", "aspnetapp", "tier", "web"));   // true
 * LabelSelector.everything().matches(Map.of());                              // true
 * LabelSelector.ofLabels(Map.of("app", "p1"));                               // matchLabels only
 * }</pre>
 *
 * <p>Important note: where a selector is <em>absent</em> (a NetworkPolicy peer with only a
 * {@code namespaceSelector}) the model uses {@code Optional.empty()}, which is not the same as the empty selector.
 */
@Value.Immutable
abstract class AbstractLabelSelector {
  public abstract Map<String, String> matchLabels();

  public abstract List<LabelSelectorRequirement> matchExpressions();

  /** The empty selector, which selects every object. */
  public static LabelSelector everything() {
    return Holder.EVERYTHING;
  }

  /** A selector of {@code matchLabels} only. */
  public static LabelSelector ofLabels(Map<String, String> labels) {
    return LabelSelector.builder().putAllMatchLabels(labels).build();
  }

  /** True iff this selector selects every object. */
  public boolean isEmpty() {
    return matchLabels().isEmpty() && matchExpressions().isEmpty();
  }

  /** Whether these labels are selected. */
  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : matchExpressions()) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  private static final class Holder {
    static final LabelSelector EVERYTHING = LabelSelector.builder().build();
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "{}";
    }
    List<String> parts = new ArrayList<>();
    matchLabels().forEach((k, v) -> parts.add(k + "=" + v));
    matchExpressions().forEach(r -> parts.add(r.toString()));
    return "{" + String.join(", ", parts) + "}";
  }
}
