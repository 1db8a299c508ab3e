/**
 * The Azure network as aksreach models it: virtual networks, subnets, route tables, network interfaces, network
 * security groups and their rules, application security groups, service tags, load balancers and the AKS cluster
 * record. Every type is an immutable value; lookups live on {@link io.github.aksreach.nsg.model.AzureNetwork}.
 *
 * <pre>{@code
 * AzureNetwork net = AzureLoader.loadDirectory(Path.of("scenario/azure")).orThrow();
 * NetworkInterface nic = net.nicByIp(IpAddress.of("192.168.0.36")).orElseThrow();
 * NsgPath path = net.nsgsOnPath(nic);   // subnet NSG nsg-user, NIC NSG aks-agentpool-...-nsg
 * }</pre>
 *
 * <p>Important notes on Azure semantics:
 * <ul>
 *   <li>Rule priority: a lower number wins; custom rules use 100-4096, unique per NSG and direction.</li>
 *   <li>Default rules {@code AllowVnetInBound} (65000), {@code AllowAzureLoadBalancerInBound} (65001),
 *       {@code DenyAllInBound} (65500) and their outbound twins are always present.</li>
 *   <li>The {@code VirtualNetwork} tag means the VNet address space plus peered spaces, UDR prefixes and
 *       168.63.129.16, not RFC 1918.</li>
 * </ul>
 */
@PolicyStyle
@NullMarked
package io.github.aksreach.nsg.model;

import io.github.aksreach.core.PolicyStyle;
import org.jspecify.annotations.NullMarked;
