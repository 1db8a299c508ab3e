package io.github.aksreach.nsg.eval;

import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.nsg.model.SecurityRule;

/**
 * What one NSG decided for one flow: which NSG (and whether the subnet's or the NIC's), which rule, and its access.
 *
 * <pre>{@code
 * NsgDecision d = verdict.decisions().get(0);
 * d.toString();   // "denied by nsg-user rule DenyAllCustom (4000) (subnet NSG)"
 * }</pre>
 *
 * @param position subnet or NIC
 * @param nsg the group
 * @param rule the deciding rule
 */
public record NsgDecision(NsgPosition position, NetworkSecurityGroup nsg, SecurityRule rule) {
  public Access access() {
    return rule.access();
  }

  public boolean allowed() {
    return rule.access() == Access.ALLOW;
  }

  public String nsgName() {
    return nsg.name();
  }

  public String ruleName() {
    return rule.name();
  }

  public int priority() {
    return rule.priority().value();
  }

  @Override
  public String toString() {
    return (allowed() ? "allowed" : "denied") + " by " + nsg.name() + " rule " + rule.display() + " ("
        + position.label() + " NSG)";
  }
}
