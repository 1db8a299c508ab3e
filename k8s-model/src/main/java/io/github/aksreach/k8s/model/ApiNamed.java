package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * An enum constant with the exact spelling the Kubernetes API uses for it ({@code "Cluster"}, {@code "NoSchedule"}).
 *
 * <pre>{@code
 * ApiNamed.lookup(TrafficPolicy.values(), "Local");   // Optional[LOCAL]
 * ApiNamed.lookup(TrafficPolicy.values(), "local");   // Optional.empty(): API names are case-sensitive
 * }</pre>
 */
public interface ApiNamed {
  /** The name as the API spells it. */
  String apiName();

  /** The constant of {@code values} whose API name is exactly {@code s}, if any. */
  static <E extends ApiNamed> Optional<E> lookup(E[] values, String s) {
    for (E e : values) {
      if (e.apiName().equals(s)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
