package io.github.aksreach.k8s.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One TLS entry of an Ingress.
 *
 * <pre>{@code
 * IngressTls t = IngressTls.builder().addHosts("bu0001a0008-00.aks-ingress.contoso.com").build();
 * }</pre>
 */
@Value.Immutable
abstract class AbstractIngressTls {
  public abstract List<String> hosts();

  public abstract Optional<String> secretName();
}
