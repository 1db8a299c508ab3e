package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.Protocol;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A container port: {@code containerPort}, its optional name (what named {@code targetPort}s and NetworkPolicy ports
 * refer to) and protocol.
 *
 * <pre>{@code
 * ContainerPort http = ContainerPort.of("http", 80, Protocol.TCP);
 * ContainerPort.builder().containerPort(8080).build().protocol();   // TCP
 * }</pre>
 */
@Value.Immutable
abstract class AbstractContainerPort {
  public abstract Optional<String> name();

  public abstract int containerPort();

  @Value.Default
  public Protocol protocol() {
    return Protocol.TCP;
  }

  public abstract OptionalInt hostPort();

  public static ContainerPort of(String name, int port, Protocol protocol) {
    return ContainerPort.builder().name(name).containerPort(port).protocol(protocol).build();
  }

  @Value.Check
  protected void check() {
    if (containerPort() < 1 || containerPort() > 65535) {
      throw new InvalidModelException("containerPort out of range 1-65535: " + containerPort());
    }
  }

  @Override
  public String toString() {
    return name().map(n -> n + "=").orElse("") + containerPort() + "/" + protocol();
  }
}
