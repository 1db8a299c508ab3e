package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A namespace and its labels. The immutable label {@value #NAME_LABEL} (what {@code namespaceSelector}s use to pick a
 * namespace by name) is added when absent, as the API server does.
 *
 * <pre>{@code
 * Namespace ns = Namespace.builder().name("ingress").build();
 * ns.labels();   // {kubernetes.io/metadata.name=ingress}
 * }</pre>
 */
@Value.Immutable
abstract class AbstractNamespace {
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  public abstract String name();

  public abstract Map<String, String> labels();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected AbstractNamespace normalize() {
    if (name().isEmpty()) {
      throw new InvalidModelException("namespace name must not be empty");
    }
    if (labels().containsKey(NAME_LABEL)) {
      return this;
    }
    return Namespace.builder().name(name()).putAllLabels(labels()).putLabels(NAME_LABEL, name())
        .provenance(provenance()).build();
  }

  @Override
  public String toString() {
    return "Namespace " + name();
  }
}
