package io.github.aksreach.k8s.trace;

import io.github.aksreach.k8s.model.Pod;
import java.util.Objects;

/**
 * A pod by namespace and name: a component of element keys.
 *
 * <pre>{@code
 * PodRef.of(pod).toString();   // "default/simpleapi-7d9c8b6f4d-9xkqv"
 * }</pre>
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 */
public record PodRef(String namespace, String name) {
  public PodRef {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(name);
  }

  public static PodRef of(Pod pod) {
    return new PodRef(pod.namespace(), pod.name());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
