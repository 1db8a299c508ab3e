package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An IngressClass: which controller handles Ingresses of this class.
 *
 * <pre>{@code
 * IngressClass nginx = IngressClass.builder().name("nginx").controller("k8s.io/ingress-nginx").build();
 * nginx.isDefault();   // false unless annotated ingressclass.kubernetes.io/is-default-class: "true"
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIngressClass {
  public static final String DEFAULT_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

  public abstract String name();

  /** {@code spec.controller}, e.g. {@code k8s.io/ingress-nginx}. */
  public abstract String controller();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  /** Annotated as the cluster's default class. */
  public boolean isDefault() {
    return "true".equals(annotations().get(DEFAULT_ANNOTATION));
  }
}
