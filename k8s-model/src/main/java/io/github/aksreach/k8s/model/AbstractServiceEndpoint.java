package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One endpoint of one Service port, resolved: the address and port kube-proxy DNATs to, with the conditions that
 * decide whether it is used (DOMAIN 4.2) and the node it runs on (externalTrafficPolicy Local).
 *
 * <pre>{@code
 * for (ServiceEndpoint e : cluster.endpointsOf(svc, svc.port("http").get())) {
 *   if (e.ready()) System.out.println(e.address() + ":" + e.port() + " on " + e.nodeName().orElse("?"));
 * }
 * // 10.244.1.5:8080 on aks-user-28786594-vmss000001
 * }</pre>
 */
@Value.Immutable
public abstract class AbstractServiceEndpoint {
  /** Where an endpoint came from. */
  public enum Source {
    /** An EndpointSlice. */
    ENDPOINT_SLICE,
    /** A legacy {@code v1/Endpoints} object. */
    ENDPOINTS,
    /** Computed from the Service selector and the pods, as the EndpointSlice controller would. */
    POD_SELECTOR
  }

  public abstract IpAddress address();

  public abstract int port();

  @Value.Default
  public Protocol protocol() {
    return Protocol.TCP;
  }

  public abstract Optional<String> nodeName();

  /** The pod (or other object) behind the address. */
  public abstract Optional<ObjectRef> targetRef();

  public abstract Optional<String> zone();

  @Value.Default
  public boolean ready() {
    return true;
  }

  @Value.Default
  public boolean serving() {
    return true;
  }

  @Value.Default
  public boolean terminating() {
    return false;
  }

  @Value.Default
  public Source source() {
    return Source.ENDPOINT_SLICE;
  }

  @Override
  public String toString() {
    return address() + ":" + port() + "/" + protocol() + targetRef().map(r -> " (" + r.key() + ")").orElse("")
        + (ready() ? "" : serving() ? " serving" : " not-ready") + (terminating() ? " terminating" : "");
  }
}
