package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.Protocol;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A port of an EndpointSlice: the Service port it serves (by name) and the endpoint port number.
 *
 * <pre>{@code
 * EndpointPort p = EndpointPort.builder().name("http").port(8080).build();
 * p.protocol();   // TCP
 * }</pre>
 */
@Value.Immutable
abstract class AbstractEndpointPort {
  /** The Service port's name ({@code ""}/empty for an unnamed Service port). */
  public abstract Optional<String> name();

  @Value.Default
  public Protocol protocol() {
    return Protocol.TCP;
  }

  /** The port on the endpoints; empty means "all ports" in the API and matches nothing here. */
  public abstract OptionalInt port();

  public abstract Optional<String> appProtocol();
}
