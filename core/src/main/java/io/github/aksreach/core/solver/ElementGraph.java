package io.github.aksreach.core.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Elements by key. Model modules may implement this lazily (building a node's chain the first time it is asked for).
 *
 * <pre>{@code
 * ElementGraph g = ElementGraph.of(List.of(nsg, kubeProxy, pod));
 * g.element(ElementKey.named("nsg-user"));
 * }</pre>
 */
public interface ElementGraph {
  /** The element with this key, if any. */
  Optional<Element> element(ElementKey key);

  static ElementGraph of(Element... elements) {
    return of(List.of(elements));
  }

  static ElementGraph of(List<? extends Element> elements) {
    Map<ElementKey, Element> byKey = new HashMap<>();
    for (Element e : elements) {
      if (byKey.put(e.key(), e) != null) {
        throw new IllegalArgumentException("duplicate element key " + e.key());
      }
    }
    Map<ElementKey, Element> frozen = Map.copyOf(byKey);
    return key -> Optional.ofNullable(frozen.get(key));
  }
}
