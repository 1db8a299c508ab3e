/**
 * Kubernetes objects as aksreach needs them: pure immutable value types, built from {@code kubectl get -o yaml|json}
 * output by {@code io.github.aksreach.k8s.load} or by hand with their builders.
 *
 * <pre>{@code
 * Node node = Node.builder().name("aks-ingress-41831646-vmss000000")
 *     .putLabels("agentpool", "ingress")
 *     .addInternalIps(IpAddress.of("192.168.0.20"))
 *     .addPodCidrs(IpPrefix.of("10.244.2.0/24"))
 *     .build();
 * node.pool();                              // Optional[ingress]
 * node.bridgeAddress(IpFamily.V4);          // Optional[10.244.2.1], kubenet's cbr0
 * KubernetesCluster cluster = KubernetesCluster.builder().addNodes(node).build();
 * }</pre>
 *
 * <p>Every type is an Immutables value ({@code @PolicyStyle}): strict builders, {@code with*} copies, structural
 * equality. Where an object came from (file and YAML path) is an auxiliary attribute ({@code provenance()}) that
 * does not take part in equality. Absent values are {@code Optional}s or empty collections, never {@code null}.
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.k8s.model;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
