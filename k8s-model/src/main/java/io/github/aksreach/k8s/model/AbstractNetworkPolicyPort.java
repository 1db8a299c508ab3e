package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.Protocol;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * One {@code ports} entry of a NetworkPolicy rule: a protocol (TCP by default) and optionally a port (number or a
 * named container port of the destination pod) or a numeric range up to {@code endPort}.
 *
 * <pre>{@code
 * NetworkPolicyPort.builder().port(PortRef.number(6379)).build();                  // 6379/TCP
 * NetworkPolicyPort.builder().protocol(Protocol.UDP).build();                      // every UDP port
 * NetworkPolicyPort.builder().port(PortRef.number(32000)).endPort(32768).build();  // 32000-32768/TCP
 * NetworkPolicyPort.builder().port(PortRef.name("http")).build();                  // the destination pod's "http"
 * }</pre>
 */
@Value.Immutable
abstract class AbstractNetworkPolicyPort {
  @Value.Default
  public Protocol protocol() {
    return Protocol.TCP;
  }

  public abstract Optional<PortRef> port();

  public abstract OptionalInt endPort();

  @Value.Check
  protected void check() {
    if (protocol() != Protocol.TCP && protocol() != Protocol.UDP && protocol() != Protocol.SCTP) {
      throw new InvalidModelException("NetworkPolicy port protocol must be TCP, UDP or SCTP, not " + protocol());
    }
    if (endPort().isPresent()) {
      if (port().isEmpty() || port().get().asNumber().isEmpty()) {
        throw new InvalidModelException("NetworkPolicy endPort needs a numeric port");
      }
      if (endPort().getAsInt() < port().get().asNumber().getAsInt() || endPort().getAsInt() > 65535) {
        throw new InvalidModelException("NetworkPolicy endPort " + endPort().getAsInt() + " is below port "
            + port().get() + " or above 65535");
      }
    }
  }

  @Override
  public String toString() {
    return port().map(p -> p + (endPort().isPresent() ? "-" + endPort().getAsInt() : "")).orElse("*") + "/"
        + protocol();
  }
}
