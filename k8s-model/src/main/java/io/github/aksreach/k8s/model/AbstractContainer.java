package io.github.aksreach.k8s.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A container of a pod or pod template: what it runs and which ports it names.
 *
 * <pre>{@code
 * Container c = Container.builder().name("controller")
 *     .addArgs("/nginx-ingress-controller", "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller")
 *     .addPorts(ContainerPort.of("http", 80, Protocol.TCP))
 *     .build();
 * c.commandLine();   // [/nginx-ingress-controller, --configmap=$(POD_NAMESPACE)/ingress-nginx-controller]
 * }</pre>
 */
@Value.Immutable
abstract class AbstractContainer {
  public abstract String name();

  public abstract Optional<String> image();

  /** {@code command} (the entrypoint override). */
  public abstract List<String> command();

  /** {@code args}. */
  public abstract List<String> args();

  public abstract List<ContainerPort> ports();

  /** {@code readinessProbe}, if the container has one. */
  public abstract Optional<ContainerProbe> readinessProbe();

  /** {@code command} followed by {@code args}: what the container runs, as far as the spec says. */
  public List<String> commandLine() {
    List<String> all = new ArrayList<>(command());
    all.addAll(args());
    return all;
  }

  @Override
  public String toString() {
    return "Container " + name();
  }
}
