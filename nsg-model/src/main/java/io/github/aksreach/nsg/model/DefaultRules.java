package io.github.aksreach.nsg.model;

import java.util.List;

/**
 * Azure's six default security rules, present in every NSG. They cannot be removed, only overridden by custom rules
 * with lower priority numbers.
 *
 * <pre>{@code
 * DefaultRules.standard().get(2).name();   // "DenyAllInBound", priority 65500
 * }</pre>
 *
 * <p>Important note, as Azure defines them: {@code AllowVnetInBound} (65000, VirtualNetwork to VirtualNetwork),
 * {@code AllowAzureLoadBalancerInBound} (65001, AzureLoadBalancer to *), {@code DenyAllInBound} (65500), and
 * {@code AllowVnetOutBound} (65000), {@code AllowInternetOutBound} (65001, * to Internet), {@code DenyAllOutBound}
 * (65500).
 */
public final class DefaultRules {
  private static final List<SecurityRule> STANDARD = List.of(
      rule("AllowVnetInBound", 65000, Direction.INBOUND, Access.ALLOW, AddressSpec.tag("VirtualNetwork"),
          AddressSpec.tag("VirtualNetwork"), "Allow inbound traffic from all VMs in VNET"),
      rule("AllowAzureLoadBalancerInBound", 65001, Direction.INBOUND, Access.ALLOW,
          AddressSpec.tag("AzureLoadBalancer"), AddressSpec.any(), "Allow inbound traffic from azure load balancer"),
      rule("DenyAllInBound", 65500, Direction.INBOUND, Access.DENY, AddressSpec.any(), AddressSpec.any(),
          "Deny all inbound traffic"),
      rule("AllowVnetOutBound", 65000, Direction.OUTBOUND, Access.ALLOW, AddressSpec.tag("VirtualNetwork"),
          AddressSpec.tag("VirtualNetwork"), "Allow outbound traffic from all VMs to all VMs in VNET"),
      rule("AllowInternetOutBound", 65001, Direction.OUTBOUND, Access.ALLOW, AddressSpec.any(),
          AddressSpec.tag("Internet"), "Allow outbound traffic from all VMs to Internet"),
      rule("DenyAllOutBound", 65500, Direction.OUTBOUND, Access.DENY, AddressSpec.any(), AddressSpec.any(),
          "Deny all outbound traffic"));

  private DefaultRules() {}

  /** The six default rules, inbound first, each direction by ascending priority. */
  public static List<SecurityRule> standard() {
    return STANDARD;
  }

  private static SecurityRule rule(String name, int prio, Direction d, Access a, AddressSpec src, AddressSpec dst,
                                   String description) {
    return SecurityRule.builder().name(name).priority(Priority.of(prio)).direction(d).access(a)
        .source(src).destination(dst).description(description).build();
  }
}
