package io.github.aksreach.core.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Elements by id. Model modules may implement this lazily (building a node's chain the first time it is asked for).
 *
 * <pre>{@code
 * ElementGraph g = ElementGraph.of(List.of(nsg, kubeProxy, pod));
 * g.element("nsg-user");
 * }</pre>
 */
public interface ElementGraph {
  /** The element with this id, if any. */
  Optional<Element> element(String id);

  static ElementGraph of(Element... elements) {
    return of(List.of(elements));
  }

  static ElementGraph of(List<? extends Element> elements) {
    Map<String, Element> byId = new HashMap<>();
    for (Element e : elements) {
      if (byId.put(e.id(), e) != null) {
        throw new IllegalArgumentException("duplicate element id " + e.id());
      }
    }
    Map<String, Element> frozen = Map.copyOf(byId);
    return id -> Optional.ofNullable(frozen.get(id));
  }
}
