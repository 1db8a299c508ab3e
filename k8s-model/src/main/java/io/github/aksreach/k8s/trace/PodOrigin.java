package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a flow is delivered: a pod's application on a port, or an endpoint address with no pod in the dump.
 *
 * <pre>{@code
 * path.deliveredTo().filter(o -> o instanceof PodOrigin).map(o -> ((PodOrigin) o).pod());   // Optional[default/api-1]
 * }</pre>
 *
 * @param pod the pod, if the address is a pod of the dump
 * @param address the pod's (first) address, or the endpoint's
 * @param port the destination port
 * @param role what the receiving end is
 */
public record PodOrigin(Optional<PodRef> pod, Optional<IpAddress> address, int port, Role role) implements Origin {
  /** What the receiving end is. */
  public enum Role {
    /** A pod's application. */
    APPLICATION,
    /** A proxy pod answering its own health endpoint. */
    HEALTHZ,
    /** A Service endpoint with no pod in the dump. */
    ENDPOINT,
    /** A proxy's upstream with no pod in the dump. */
    UPSTREAM,
    /**
     * A pod's address on a port no container declares: {@code containerPort} is informational, so the network
     * delivers it; whether anything listens is the application's business.
     */
    UNDECLARED_PORT
  }

  public PodOrigin {
    Objects.requireNonNull(role);
  }

  @Override
  public HopKind kind() {
    return AksHopKind.POD;
  }

  @Override
  public String label() {
    String addr = address.map(Object::toString).orElse("?") + ":" + port;
    switch (role) {
      case ENDPOINT:
        return "endpoint " + addr;
      case UPSTREAM:
        return "upstream " + addr;
      case UNDECLARED_PORT:
        return pod.map(PodRef::toString).orElse("?") + " " + address.map(Object::toString).orElse("?")
            + " (delivered; no container declares this port)";
      case HEALTHZ:
        return pod.map(PodRef::toString).orElse("?") + " " + addr + " (/healthz 200)";
      default:
        return pod.map(PodRef::toString).orElse("?") + " " + addr;
    }
  }
}
