/**
 * NSG semantics: address resolution (service tags, ASGs), concrete evaluation of one flow at a network interface,
 * exact symbolic partitions of flow spaces, and the {@code Classifier}s the end-to-end reachability graph uses.
 *
 * <pre>{@code
 * AddressResolver r = AddressResolver.forVnet(net, vnet);
 * Classifier c = NsgClassifiers.forNsg(nsg, Direction.INBOUND, r, ElementKey.named("node-a/subnet-nsg/in"),
 *     NsgOrigin.of(nsg, NsgPosition.SUBNET, Optional.of(subnet), Direction.INBOUND), ElementKey.named("next"));
 * NsgVerdict v = NsgEvaluator.of(net).evaluate(nic, Direction.INBOUND, flow);
 * }</pre>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
