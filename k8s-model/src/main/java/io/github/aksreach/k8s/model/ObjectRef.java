package io.github.aksreach.k8s.model;

/**
 * A reference to a Kubernetes object by kind, namespace and name (an EndpointSlice's {@code targetRef}, a pod's
 * owner, an Ingress backend {@code resource}).
 *
 * <pre>{@code
 * ObjectRef pod = ObjectRef.of("Pod", "default", "simpleapi-7d9c8b6f4d-9xkqv");
 * pod.toString();   // "Pod default/simpleapi-7d9c8b6f4d-9xkqv"
 * ObjectRef.of("IngressClass", "", "nginx").toString();   // "IngressClass nginx" (cluster-scoped)
 * }</pre>
 *
 * @param kind the object's kind ({@code Pod}, {@code ReplicaSet}); may be empty when the reference omits it
 * @param namespace the namespace, or empty for cluster-scoped objects and references without one
 * @param name the name
 */
public record ObjectRef(String kind, String namespace, String name) {
  public ObjectRef {
    if (kind == null || namespace == null || name == null) {
      throw new IllegalArgumentException("ObjectRef fields must not be null");
    }
  }

  public static ObjectRef of(String kind, String namespace, String name) {
    return new ObjectRef(kind, namespace, name);
  }

  /** {@code namespace/name}, or {@code name} when cluster-scoped. */
  public String key() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind.isEmpty() ? key() : kind + " " + key();
  }
}
