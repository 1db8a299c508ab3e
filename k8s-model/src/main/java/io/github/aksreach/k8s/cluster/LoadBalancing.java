package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.SecurityRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The load balancing of a cluster: every LB rule (read from {@code az network lb} dumps, or derived from the Services
 * as cloud-provider-azure would write them, the same Azure model values either way) and the managed
 * {@code k8s-azure-lb_*} rules of the cluster NSG.
 *
 * <pre>{@code
 * LoadBalancing lb = LoadBalancerResolver.resolve(scenario, CloudProviderAzure.Options.from(scenario));
 * lb.rules();              // one per Service port and frontend IP
 * lb.loadBalancers();      // e.g. kubernetes-internal, with its frontends, rules and probes
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

  /** The load balancers the rules belong to, in rule order. */
  public List<LoadBalancer> loadBalancers() {
    Set<LoadBalancer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<LoadBalancer> out = new ArrayList<>();
    for (LbRuleSpec r : rules) {
      if (seen.add(r.balancer())) {
        out.add(r.balancer());
      }
    }
    return out;
  }
}
