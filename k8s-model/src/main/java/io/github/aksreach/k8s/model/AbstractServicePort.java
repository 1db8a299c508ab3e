package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.Protocol;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * One port of a Service.
 *
 * <pre>{@code
 * ServicePort http = ServicePort.builder().name("http").port(80).targetPort(PortRef.name("http"))
 *     .nodePort(31880).appProtocol("http").build();
 * http.protocol();                                         // TCP (the default)
 * ServicePort.builder().port(8080).build().targetPort();   // 8080: defaults to port
 * }</pre>
 */
@Value.Immutable
abstract class AbstractServicePort {
  /** The port's name; empty for the single unnamed port of a Service. */
  public abstract Optional<String> name();

  @Value.Default
  public Protocol protocol() {
    return Protocol.TCP;
  }

  public abstract int port();

  /** {@code targetPort}: a number or a container-port name resolved on each endpoint pod; defaults to {@link #port()}. */
  @Value.Default
  public PortRef targetPort() {
    return PortRef.number(port());
  }

  /** {@code nodePort}, for NodePort and LoadBalancer Services. */
  public abstract OptionalInt nodePort();

  /** {@code appProtocol} ({@code http}, {@code https}, ...): changes cloud-provider-azure's probe protocol. */
  public abstract Optional<String> appProtocol();

  @Value.Check
  protected void check() {
    if (port() < 1 || port() > 65535) {
      throw new InvalidModelException("service port out of range 1-65535: " + port());
    }
    if (nodePort().isPresent() && (nodePort().getAsInt() < 1 || nodePort().getAsInt() > 65535)) {
      throw new InvalidModelException("nodePort out of range 1-65535: " + nodePort().getAsInt());
    }
  }

  /** The name, or the port number when unnamed. */
  public String displayName() {
    return name().orElse(Integer.toString(port()));
  }

  @Override
  public String toString() {
    return name().map(n -> n + ":").orElse("") + port() + "/" + protocol() + "->" + targetPort()
        + (nodePort().isPresent() ? " nodePort " + nodePort().getAsInt() : "");
  }
}
