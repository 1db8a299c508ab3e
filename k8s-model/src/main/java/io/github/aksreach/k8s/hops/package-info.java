/**
 * The vocabulary the hop families share: the typed keys of every element of the AKS graph ({@link
 * io.github.aksreach.k8s.hops.AksKey}), the hop kinds ({@link io.github.aksreach.k8s.trace.AksHopKind}) and the
 * {@link io.github.aksreach.k8s.hops.Hops} context through which one family names another's elements. Families
 * ({@code azure}, {@code kubeproxy}, {@code cni}, {@code l7}) depend on this package and never on each other.
 *
 * <pre>{@code
 * ElementKey host = new AksKey.Host("aks-user-28786594-vmss000001");
 * ElementKey entry = hops.nodeIn(node, host);   // the node's inbound NSGs, then its kube-proxy
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.hops;

import org.jspecify.annotations.NullMarked;
