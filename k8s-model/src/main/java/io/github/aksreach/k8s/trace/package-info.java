/**
 * The typed provenance of the AKS graph's hops: the kinds ({@link io.github.aksreach.k8s.trace.AksHopKind}) and one
 * origin record per family (routing, load balancer, kube-proxy, pod, NetworkPolicy, L7 front door). Features read
 * these values; renderers turn them into text. NSG hops carry nsg-model's {@code NsgOrigin}.
 *
 * <pre>{@code
 * for (Hop h : path.hops()) {
 *   if (h.origin() instanceof KubeProxyOrigin k && k.chain() == KubeProxyOrigin.Chain.EXTERNAL) {
 *     System.out.println(k.node() + " " + k.service());
 *   }
 * }
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.trace;

import org.jspecify.annotations.NullMarked;
