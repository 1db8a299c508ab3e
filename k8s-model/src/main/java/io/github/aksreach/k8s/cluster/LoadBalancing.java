package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.List;

/**
 * The load balancing of a cluster: every LB rule (derived from the Services as cloud-provider-azure would write
 * them, or read from {@code az network lb} dumps) and the managed {@code k8s-azure-lb_*} rules of the cluster NSG.
 *
 * <pre>{@code
 * LoadBalancing lb = CloudProviderAzure.derive(scenario, CloudProviderAzure.Options.defaults());
 * lb.rules();              // one per Service port and frontend IP
 * lb.managedNsgRules();    // e.g. k8s-azure-lb_allow_IPv4_... at priority 500
 * }</pre>
 *
 * @param rules the LB rules
 * @param managedNsgRules the rules cloud-provider-azure adds to the cluster NSG
 * @param notes what the derivation noted (conflicting annotations, invalid ranges, skipped ports)
 */
public record LoadBalancing(List<LbRuleSpec> rules, List<SecurityRule> managedNsgRules, List<ModelError> notes) {
  public LoadBalancing {
    rules = List.copyOf(rules);
    managedNsgRules = List.copyOf(managedNsgRules);
    notes = List.copyOf(notes);
  }
}
