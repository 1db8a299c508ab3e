/**
 * The kube-proxy hop family: on each node, KUBE-SERVICES and KUBE-NODEPORTS for flows from the network, the
 * in-cluster short-circuit for pods and nodes sending to a Service address, the firewall chain of {@code
 * loadBalancerSourceRanges}, the external chain (externalTrafficPolicy Cluster or Local, endpoint choice, DNAT,
 * masquerade), the health check node port and {@code /healthz} (DOMAIN.md 4).
 *
 * <pre>{@code
 * KubeProxyHops kp = new KubeProxyHops(net, hops);
 * Element e = kp.external(new AksKey.External(node, svc, 80, Protocol.TCP, AksKey.Mode.FROM_LB));
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.kubeproxy;

import org.jspecify.annotations.NullMarked;
