/**
 * Rendering: the text of hops, drops and reports, made from typed values. Nothing outside the renderers reads hop
 * text (an architecture test holds it).
 *
 * <pre>{@code
 * Describe.label(hop.origin());   // "kube-proxy on aks-user-28786594-vmss000001"
 * }</pre>
 */
@NullMarked
package io.github.aksreach.k8s.output;

import org.jspecify.annotations.NullMarked;
