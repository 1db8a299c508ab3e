/**
 * The Gateway API (Istio classes {@code istio} and {@code approuting-istio}) as an L7 front door: at a gateway pod,
 * Istio's AuthorizationPolicies over the peer it sees (403 before routing), the listener and route (404, 500, a
 * redirect answered by the gateway) and the status port 15021; then the fork over the winning rule's weighted
 * backendRefs to their endpoint pods, from the gateway pod's address (500/503 shares answered by the gateway).
 *
 * <pre>{@code
 * FrontDoor gw = new GatewayFrontDoor(net);
 * gw.proxies(pod);   // true for a pod of an Istio Gateway's data plane
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.l7.gateway;

import org.jspecify.annotations.NullMarked;
