package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.model.Provenance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A pod: where it runs, its addresses, its labels and its named ports.
 *
 * <pre>{@code
 * Pod nginx = Pod.builder().namespace("ingress").name("ingress-nginx-controller-5c6b9d8b7f-7hq2x")
 *     .putLabels("app.kubernetes.io/name", "ingress-nginx")
 *     .nodeName("aks-ingress-41831646-vmss000000")
 *     .addPodIps(IpAddress.of("10.244.2.2"))
 *     .hostIp(IpAddress.of("192.168.0.20"))
 *     .addContainers(Container.builder().name("controller")
 *         .addPorts(ContainerPort.of("http", 80, Protocol.TCP)).build())
 *     .build();
 * nginx.namedPort("http", Protocol.TCP);   // OptionalInt[80]
 * nginx.key();                             // "ingress/ingress-nginx-controller-5c6b9d8b7f-7hq2x"
 * nginx.isLive();                          // true: Running, not terminating
 * }</pre>
 *
 * <p>{@link #ready()} is the pod's {@code Ready} condition; {@link #terminating()} is {@code metadata.deletionTimestamp}
 * being set. A {@code hostNetwork} pod's {@link #podIps()} are its node's addresses.
 */
@Value.Immutable
abstract class AbstractPod {
  public abstract String namespace();

  public abstract String name();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  /** {@code spec.nodeName}; empty while unscheduled. */
  public abstract Optional<String> nodeName();

  /** {@code status.podIPs} (or {@code status.podIP}). */
  public abstract List<IpAddress> podIps();

  /** {@code status.hostIP}. */
  public abstract Optional<IpAddress> hostIp();

  @Value.Default
  public boolean hostNetwork() {
    return false;
  }

  public abstract List<Container> containers();

  /** {@code spec.nodeSelector}. */
  public abstract Map<String, String> nodeSelector();

  /** The {@code Ready} condition is {@code "True"}. Builders default to true. */
  @Value.Default
  public boolean ready() {
    return true;
  }

  /** {@code status.phase}; builders default to Running. */
  @Value.Default
  public PodPhase phase() {
    return PodPhase.RUNNING;
  }

  /** {@code metadata.deletionTimestamp} is set: the pod is shutting down. */
  @Value.Default
  public boolean terminating() {
    return false;
  }

  /** {@code metadata.ownerReferences} (kind, this pod's namespace, name). */
  public abstract List<ObjectRef> owners();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("pod namespace and name must not be empty");
    }
  }

  /** {@code namespace/name}. */
  public String key() {
    return namespace() + "/" + name();
  }

  public ObjectRef ref() {
    return ObjectRef.of("Pod", namespace(), name());
  }

  /** Not Succeeded or Failed: the pod holds its addresses. */
  public boolean isLive() {
    return !phase().isTerminal();
  }

  /** The first pod IP of {@code family}. */
  public Optional<IpAddress> podIp(IpFamily family) {
    return podIps().stream().filter(a -> a.family() == family).findFirst();
  }

  public boolean hasIp(IpAddress a) {
    return podIps().contains(a);
  }

  /**
   * The number of the container port named {@code name} with {@code protocol}, the way Kubernetes resolves a named
   * {@code targetPort} or NetworkPolicy port ({@code FindPort}: name and protocol must both match).
   */
  public OptionalInt namedPort(String name, Protocol protocol) {
    for (Container c : containers()) {
      for (ContainerPort p : c.ports()) {
        if (p.name().isPresent() && p.name().get().equals(name) && p.protocol() == protocol) {
          return OptionalInt.of(p.containerPort());
        }
      }
    }
    return OptionalInt.empty();
  }

  /** {@code port} resolved on this pod (a number is itself). */
  public OptionalInt resolve(PortRef port, Protocol protocol) {
    return port.resolve(n -> namedPort(n, protocol));
  }

  public Optional<String> label(String key) {
    return Optional.ofNullable(labels().get(key));
  }

  @Override
  public String toString() {
    return "Pod " + key() + " " + podIps();
  }
}
