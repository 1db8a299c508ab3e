package io.github.aksreach.k8s.hops;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.trace.PodOrigin;
import java.util.Optional;

/**
 * Where a flow to an address the dump has no pod for ends, shared by every family that forwards to endpoints.
 *
 * <pre>{@code
 * ElementKey k = Endpoints.sink(hops, IpAddress.of("10.244.9.9"), 8080, PodOrigin.Role.ENDPOINT);
 * }</pre>
 */
public final class Endpoints {
  private Endpoints() {}

  /** The sink of an endpoint address with no pod in the dump (the first role it is named in stays). */
  public static AksKey.Endpoint sink(Hops hops, IpAddress address, int port, PodOrigin.Role role) {
    AksKey.Endpoint key = new AksKey.Endpoint(address, port);
    hops.register(Sink.of(key, new PodOrigin(Optional.empty(), Optional.of(address), port, role)));
    return key;
  }

  /** Why a pod whose node the dump lacks cannot be reached (the dump is inconsistent, e.g. taken at two times). */
  public static String noNode(Pod pod) {
    return "pod " + pod.key() + " runs on node " + pod.nodeName().orElse("(none)")
        + ", which is not in the dump (kubectl get nodes): no route to it can be derived";
  }
}
