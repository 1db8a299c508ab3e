package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A kube-proxy hop: which node, which chain, for which Service port, under which traffic policy, for which kind of
 * client, and the masquerade address where it rewrites the source.
 *
 * <pre>{@code
 * if (hop.origin() instanceof KubeProxyOrigin k && k.chain() == KubeProxyOrigin.Chain.EXTERNAL
 *     && k.trafficPolicy().orElse(null) == TrafficPolicy.CLUSTER) { ... }
 * }</pre>
 *
 * @param node the node's name
 * @param chain which chain
 * @param service the Service, for Service chains
 * @param port the Service port, for {@code EXTERNAL}; the hostPort, for {@code HOSTPORT}
 * @param trafficPolicy the Service's externalTrafficPolicy, for {@code EXTERNAL}
 * @param client for in-cluster chains: "pod", "node" and the client pod whose egress rules apply ("pod ns/name")
 * @param masquerade the masquerade address, for {@code MASQUERADE}
 * @param answer for the health servers: what they answer ("200", "200 {\"localEndpoints\": 1}")
 */
public record KubeProxyOrigin(String node, Chain chain, Optional<ServiceRef> service, OptionalInt port,
                              Optional<TrafficPolicy> trafficPolicy, Optional<String> client,
                              Optional<IpAddress> masquerade, Optional<String> answer) implements Origin {
  /** kube-proxy's chains as the model has them. */
  public enum Chain {
    /** KUBE-SERVICES and KUBE-NODEPORTS for flows arriving at the node, and the node's pods' ports. */
    SERVICES,
    /** KUBE-SERVICES for an in-cluster client sending to a Service address. */
    IN_CLUSTER,
    /** KUBE-FW: loadBalancerSourceRanges. */
    FIREWALL,
    /** KUBE-EXT/KUBE-SVC: the endpoint choice, DNAT and SNAT. */
    EXTERNAL,
    /** The health check server of an externalTrafficPolicy Local Service. */
    HEALTH_CHECK,
    /** kube-proxy's /healthz. */
    HEALTHZ,
    /** MASQUERADE in POSTROUTING. */
    MASQUERADE,
    /** The CNI portmap plugin's DNAT of a container's hostPort (CNI-HOSTPORT-DNAT in PREROUTING, not kube-proxy's). */
    HOSTPORT
  }

  public KubeProxyOrigin {
    Objects.requireNonNull(node);
    Objects.requireNonNull(chain);
  }

  /** A chain with no Service. */
  public static KubeProxyOrigin of(String node, Chain chain) {
    return new KubeProxyOrigin(node, chain, Optional.empty(), OptionalInt.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A chain of {@code service}. */
  public static KubeProxyOrigin of(String node, Chain chain, ServiceRef service) {
    return new KubeProxyOrigin(node, chain, Optional.of(service), OptionalInt.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  public KubeProxyOrigin withAnswer(String a) {
    return new KubeProxyOrigin(node, chain, service, port, trafficPolicy, client, masquerade, Optional.of(a));
  }

  public KubeProxyOrigin withClient(String c) {
    return new KubeProxyOrigin(node, chain, service, port, trafficPolicy, Optional.of(c), masquerade, answer);
  }

  @Override
  public HopKind kind() {
    return AksHopKind.KUBE_PROXY;
  }

  @Override
  public String label() {
    String svc = service.map(ServiceRef::toString).orElse("?");
    String ans = answer.map(a -> ": " + a).orElse("");
    switch (chain) {
      case SERVICES:
        return "kube-proxy on " + node;
      case IN_CLUSTER:
        return "kube-proxy on " + node + " (in-cluster " + client.orElse("?") + " client)";
      case FIREWALL:
        return "kube-proxy firewall of " + svc + " on " + node;
      case EXTERNAL:
        return "kube-proxy " + svc + ":" + port.orElse(0) + " on " + node + " (externalTrafficPolicy "
            + trafficPolicy.map(TrafficPolicy::apiName).orElse("?") + client.map(c -> ", " + c).orElse("") + ")";
      case HEALTH_CHECK:
        return "kube-proxy health check " + svc + " on " + node + ans;
      case HEALTHZ:
        return "kube-proxy /healthz on " + node + ans;
      case HOSTPORT:
        return "CNI portmap hostPort " + port.orElse(0) + " on " + node;
      default:
        return "kube-proxy MASQUERADE to " + masquerade.map(Object::toString).orElse("?");
    }
  }
}
