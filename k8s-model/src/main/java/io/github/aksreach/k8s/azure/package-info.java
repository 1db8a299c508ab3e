/**
 * The Azure hop family: where a client's flow enters (its own outbound NSGs), Azure's routing to load-balancer
 * frontends, nodes and pods, the load-balancing rules' forks over backends in rotation, and the NSG chains of every
 * NIC (inbound: subnet then NIC; outbound: NIC then subnet), compiled once per distinct path and retargeted per hop.
 *
 * <pre>{@code
 * NsgChains chains = new NsgChains(net);
 * ElementKey entry = chains.nodeIn(node, new AksKey.Host(node.name()));
 * Element hop = chains.hop((NsgHopKey) entry);
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.azure;

import org.jspecify.annotations.NullMarked;
