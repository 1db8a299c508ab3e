/**
 * Kubernetes NetworkPolicy semantics (DOMAIN 6): a concrete evaluator for one connection
 * ({@link io.github.aksreach.k8s.netpol.NetworkPolicyEvaluator}) and a factory of core {@code Classifier} elements
 * for "ingress into pod P" and "egress from pod P" ({@link io.github.aksreach.k8s.netpol.NetworkPolicyClassifiers}).
 * The two agree on every flow (a property test checks it).
 *
 * <pre>{@code
 * NetworkPolicyEvaluator.allowsIngress(cluster, IpAddress.of("10.244.2.2"), simpleapiPod, Protocol.TCP, 8080);
 * Classifier in = NetworkPolicyClassifiers.ingress(cluster, simpleapiPod, "netpol-in/simpleapi", "pod/simpleapi");
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.k8s.netpol;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
