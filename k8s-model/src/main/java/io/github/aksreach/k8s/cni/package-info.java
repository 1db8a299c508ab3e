/**
 * The network plugin's hop family (kubenet, Azure CNI, Azure CNI Overlay): which node and pod addresses Azure routes
 * to which node, the route from one node to a pod on another (the nodes' NSGs), and a pod's delivery: its
 * NetworkPolicy ingress rules, kube-proxy's masquerade where NetworkPolicy saw the source before it, then the
 * application (a plain pod, or an L7 front door's proxy).
 *
 * <pre>{@code
 * List<Classifier.Rule> routes = new PodRouting(net, hops).addressRules();
 * Element e = new PodDelivery(net, hops, frontDoors).entry(new AksKey.PodEntry(pod, 8080, Optional.empty()));
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.cni;

import org.jspecify.annotations.NullMarked;
