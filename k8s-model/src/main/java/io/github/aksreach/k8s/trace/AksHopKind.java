package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.HopKind;

/**
 * The kinds of the AKS graph's hops and drops, but NSG hops (nsg-model's {@code NsgHopKind.NSG}).
 *
 * <pre>{@code
 * if (path.drop().map(d -> d.kind() == AksHopKind.NO_ROUTE).orElse(false)) { ... }
 * }</pre>
 */
public enum AksHopKind implements HopKind {
  /** Where a client's flow enters the model. */
  CLIENT,
  /** Azure or node routing. */
  ROUTING,
  /** An Azure load balancer's rule. */
  LOAD_BALANCER,
  /** kube-proxy on a node. */
  KUBE_PROXY,
  /** No route to the destination (drops only). */
  NO_ROUTE,
  /** A pod or endpoint that receives the flow. */
  POD,
  /** A pod's NetworkPolicies. */
  NETWORK_POLICY,
  /** An L7 front door (ingress-nginx, a Gateway): access rules, routing, upstreams. */
  INGRESS
}
