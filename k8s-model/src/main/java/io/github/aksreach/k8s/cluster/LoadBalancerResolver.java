package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.nsg.model.BackendPool;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where every load-balancer setting is decided, as CONTRACTS.md says: {@code scenario.yaml} first,
 * then the dumps ({@code az network lb}, {@code az aks show}), then the default. The dumped rules and, when
 * {@code loadBalancer.deriveFromServices} is on, the rules cloud-provider-azure derives from the Services
 * ({@link CloudProviderAzure#derive}) are the same Azure model values; a dumped rule wins over a derived one it
 * duplicates (same load balancer and rule name, or same frontend IP and a protocol and port it already forwards).
 *
 * <pre>{@code
 * LoadBalancing lb = LoadBalancerResolver.resolve(scenario, CloudProviderAzure.Options.from(scenario));
 * lb.rules().get(0).sku();                        // dumped sku.name, else az aks show's loadBalancerSku, else Standard
 * lb.rules().get(0).noHealthyBackendsBehavior();  // scenario.yaml, else the dumped probe's, else AllProbedDown
 * }</pre>
 *
 * <table>
 *   <caption>Settings and where they come from (first present wins)</caption>
 *   <tr><th>setting</th><th>scenario.yaml</th><th>dump</th><th>default</th></tr>
 *   <tr><td>rule protocol (Tcp, Udp, All), frontend/backend port (0: any), floating IP, probe, load distribution,
 *       idle timeout</td><td>-</td><td>the rule</td><td>as cloud-provider-azure writes it</td></tr>
 *   <tr><td>probe's noHealthyBackendsBehavior</td><td>{@code loadBalancer.noHealthyBackendsBehavior}</td>
 *       <td>the probe</td><td>AllProbedDown</td></tr>
 *   <tr><td>SKU</td><td>-</td><td>the load balancer's {@code sku.name}, then {@code az aks show}'s
 *       {@code networkProfile.loadBalancerSku}</td><td>Standard</td></tr>
 * </table>
 */
public final class LoadBalancerResolver {
  private LoadBalancerResolver() {}

  /** The load balancing of {@code s}: dumped rules, then the derived ones no dumped rule duplicates, resolved. */
  public static LoadBalancing resolve(Scenario s, CloudProviderAzure.Options o) {
    List<LbRuleSpec> dumped = fromDumps(s);
    boolean derive = s.config().deriveFromServicesOrDefault(!s.azure().loadBalancers().isEmpty());
    if (!derive) {
      return settle(s, new LoadBalancing(dumped, List.of(), List.of()));
    }
    LoadBalancing derived = CloudProviderAzure.derive(s, o);
    return settle(s, new LoadBalancing(merge(dumped, derived.rules()), derived.managedNsgRules(), derived.notes()));
  }

  /** The dumped rules, then the derived ones no dumped rule duplicates ({@link #duplicates}). */
  static List<LbRuleSpec> merge(List<LbRuleSpec> dumped, List<LbRuleSpec> derived) {
    List<LbRuleSpec> rules = new ArrayList<>(dumped);
    for (LbRuleSpec r : derived) {
      if (dumped.stream().noneMatch(d -> duplicates(d, r))) {
        rules.add(r);
      }
    }
    return rules;
  }

  /** Whether dumped rule {@code d} makes derived rule {@code r} a duplicate. */
  static boolean duplicates(LbRuleSpec d, LbRuleSpec r) {
    if (d.loadBalancerName().equalsIgnoreCase(r.loadBalancerName()) && d.name().equalsIgnoreCase(r.name())) {
      return true;
    }
    return d.frontendIp().equals(r.frontendIp()) && r.protocols().difference(d.protocols()).isEmpty()
        && r.frontendPorts().difference(d.frontendPorts()).isEmpty();
  }

  /** Resolves the SKU of every load balancer and the noHealthyBackendsBehavior of every probe. */
  private static LoadBalancing settle(Scenario s, LoadBalancing lb) {
    LbSku clusterSku = s.aks().flatMap(a -> a.loadBalancerSku()).orElse(LbSku.STANDARD);
    Optional<NoHealthyBackendsBehavior> configured = s.config().noHealthyBackendsBehavior();
    Map<LoadBalancer, LoadBalancer> settled = new IdentityHashMap<>();
    List<LbRuleSpec> out = new ArrayList<>();
    for (LbRuleSpec r : lb.rules()) {
      LoadBalancer b = settled.computeIfAbsent(r.balancer(), x -> x.withSku(x.sku().orElse(clusterSku)));
      Optional<Probe> probe = r.probe().map(p -> configured.map(p::withNoHealthyBackendsBehavior).orElse(p));
      out.add(new LbRuleSpec(b, r.rule(), r.frontend(), r.frontendIp(), probe, r.backends(), r.service(),
          r.servicePort(), r.derived()));
    }
    return new LoadBalancing(out, lb.managedNsgRules(), lb.notes());
  }

  /**
   * The rules of dumped load balancers, their backend pools resolved to nodes by NIC IP configuration or address,
   * bound to the Service whose frontend IP they serve (and to its port, unless the rule is for every port). A rule
   * whose frontend has no address is left out.
   */
  static List<LbRuleSpec> fromDumps(Scenario s) {
    List<LbRuleSpec> out = new ArrayList<>();
    for (LoadBalancer lb : s.azure().loadBalancers()) {
      for (LbRule r : lb.rules()) {
        Optional<Frontend> fe = lb.frontend(r.frontendId());
        Optional<IpAddress> ip = fe.flatMap(f -> f.privateIp().or(f::publicIp));
        if (ip.isEmpty()) {
          continue;
        }
        List<Node> backends = new ArrayList<>();
        for (Node n : s.kubernetes().nodes()) {
          if (inPools(s, lb, r.backendPoolIds(), n)) {
            backends.add(n);
          }
        }
        Optional<Service> svc = s.kubernetes().servicesByFrontendIp(ip.get()).stream().findFirst();
        Optional<ServicePort> sp = r.frontendPort() == 0 ? Optional.empty() : svc.flatMap(x -> x.ports().stream()
            .filter(p -> p.port() == r.frontendPort() && r.protocols().contains(p.protocol())).findFirst());
        out.add(new LbRuleSpec(lb, r, fe.get(), ip.get(), r.probeId().flatMap(lb::probe), backends, svc, sp, false));
      }
    }
    return out;
  }

  private static boolean inPools(Scenario s, LoadBalancer lb, List<ResourceId> pools, Node n) {
    for (ResourceId poolId : pools) {
      Optional<BackendPool> pool = lb.backendPool(poolId);
      for (IpAddress ip : n.internalIps()) {
        if (pool.map(p -> p.addresses().contains(ip)).orElse(false)) {
          return true;
        }
        Optional<IpConfiguration> ipc = s.azure().nicByIp(ip).flatMap(nic -> nic.ipConfigurationFor(ip));
        if (ipc.map(c -> c.backendPoolIds().contains(poolId)
            || c.id().map(id -> pool.map(p -> p.ipConfigurationIds().contains(id)).orElse(false)).orElse(false))
            .orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }
}
