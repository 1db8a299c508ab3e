package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A ConfigMap (aksreach reads the ingress-nginx controller's configuration from one).
 *
 * <pre>{@code
 * ConfigMap cm = ConfigMap.builder().namespace("ingress").name("ingress-nginx-controller")
 *     .putData("use-forwarded-headers", "true").build();
 * cm.get("use-forwarded-headers");   // Optional[true]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractConfigMap {
  public abstract String namespace();

  public abstract String name();

  public abstract Map<String, String> labels();

  /** {@code data} ({@code data: null} reads as empty). */
  public abstract Map<String, String> data();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("configmap namespace and name must not be empty");
    }
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(data().get(key));
  }

  public String key() {
    return namespace() + "/" + name();
  }
}
