package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An Ingress: its class, annotations (ingress-nginx reads its allow/deny lists from them), host/path rules, default
 * backend and TLS hosts.
 *
 * <pre>{@code
 * Ingress weather = Ingress.builder().namespace("default").name("weather").ingressClassName("nginx")
 *     .putAnnotations("nginx.ingress.kubernetes.io/whitelist-source-range", "192.168.1.4")
 *     .addRules(IngressRule.builder().host("demoapi.eyskens.corp")
 *         .addPaths(IngressPath.builder().path("/weatherforecast").pathType(PathType.PREFIX)
 *             .backend(IngressBackend.service("simpleapi", PortRef.number(8080))).build())
 *         .build())
 *     .build();
 * weather.className();   // Optional[nginx]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIngress {
  /** The legacy class annotation, still honoured by ingress-nginx. */
  public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  public abstract String namespace();

  public abstract String name();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  /** {@code spec.ingressClassName}. */
  public abstract Optional<String> ingressClassName();

  public abstract List<IngressRule> rules();

  /** {@code spec.defaultBackend} (or {@code spec.backend} in v1beta1). */
  public abstract Optional<IngressBackend> defaultBackend();

  public abstract List<IngressTls> tls();

  /** {@code metadata.creationTimestamp}: ingress-nginx lets the oldest Ingress win conflicts. */
  public abstract Optional<Instant> creationTimestamp();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("ingress namespace and name must not be empty");
    }
  }

  /** The class: the legacy annotation {@value #CLASS_ANNOTATION} if set (it takes precedence), else the spec field. */
  public Optional<String> className() {
    String a = annotations().get(CLASS_ANNOTATION);
    return a != null ? Optional.of(a) : ingressClassName();
  }

  public String key() {
    return namespace() + "/" + name();
  }

  public ObjectRef ref() {
    return ObjectRef.of("Ingress", namespace(), name());
  }

  @Override
  public String toString() {
    return "Ingress " + key();
  }
}
