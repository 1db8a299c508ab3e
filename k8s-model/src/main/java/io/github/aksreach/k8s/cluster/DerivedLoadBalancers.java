package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.nsg.model.BackendPool;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects what {@link CloudProviderAzure#derive} writes, load balancer by load balancer, and builds the
 * {@link LoadBalancer} values once every rule is known; the bindings keep the order in which the rules were added.
 * Ids are those of the node resource group ({@code az aks show}'s {@code nodeResourceGroup}, else {@code _}).
 */
final class DerivedLoadBalancers {
  /** The public load balancer cloud-provider-azure manages on AKS. */
  static final String PUBLIC = "kubernetes";
  /** The internal one. */
  static final String INTERNAL = "kubernetes-internal";
  /** The backend pool of every node (the cluster name, {@code kubernetes} on AKS). */
  static final String POOL = "kubernetes";

  private record Entry(String lb, LbRule.Builder rule, Frontend frontend, Optional<Probe> probe, Service service,
                       Optional<ServicePort> servicePort) {}

  private final String groupId;
  private final LbSku sku;
  private final List<Node> backends;
  private final Map<String, Map<String, Frontend>> frontends = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();

  DerivedLoadBalancers(Scenario s, LbSku sku, List<Node> backends) {
    String sub = s.aks().flatMap(a -> a.id()).map(id -> id.value().split("/"))
        .filter(parts -> parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions")).map(parts -> parts[2])
        .orElse("_");
    String group = s.aks().flatMap(a -> a.nodeResourceGroup()).orElse("_");
    this.groupId = "/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/Microsoft.Network";
    this.sku = sku;
    this.backends = List.copyOf(backends);
  }

  ResourceId id(String lb) {
    return ResourceId.of(groupId + "/loadBalancers/" + lb);
  }

  ResourceId poolId(String lb) {
    return id(lb).child("backendAddressPools", POOL);
  }

  /** The frontend IP configuration {@code name} of load balancer {@code lb} with address {@code ip}. */
  Frontend frontend(String lb, String name, IpAddress ip, boolean internal) {
    return frontends.computeIfAbsent(lb, k -> new LinkedHashMap<>()).computeIfAbsent(name, n -> {
      Frontend.Builder b = Frontend.builder().name(n).id(id(lb).child("frontendIPConfigurations", n));
      return (internal ? b.privateIp(ip) : b.publicIp(ip)).build();
    });
  }

  /** Adds a rule (its probe id is set here) derived from {@code service}. */
  void add(String lb, LbRule.Builder rule, Frontend frontend, Optional<Probe> probe, Service service,
           Optional<ServicePort> servicePort) {
    Optional<Probe> p = probe.map(x -> x.withId(id(lb).child("probes", x.name())));
    p.ifPresent(x -> rule.probeId(x.id()));
    entries.add(new Entry(lb, rule, frontend, p, service, servicePort));
  }

  /** The rules, bound to their Service ports, on load balancers built from everything added. */
  List<LbRuleSpec> bindings() {
    Map<String, List<LbRule>> rules = new LinkedHashMap<>();
    Map<String, Map<String, Probe>> probes = new LinkedHashMap<>();
    List<LbRule> built = new ArrayList<>();
    for (Entry e : entries) {
      LbRule r = e.rule().build();
      built.add(r);
      rules.computeIfAbsent(e.lb(), k -> new ArrayList<>()).add(r);
      e.probe().ifPresent(p -> probes.computeIfAbsent(e.lb(), k -> new LinkedHashMap<>()).putIfAbsent(p.name(), p));
    }
    Map<String, LoadBalancer> lbs = new LinkedHashMap<>();
    for (Map.Entry<String, List<LbRule>> r : rules.entrySet()) {
      String name = r.getKey();
      BackendPool pool = BackendPool.builder().name(POOL).id(poolId(name))
          .addAllAddresses(backends.stream().flatMap(n -> n.internalIps().stream()).toList()).build();
      lbs.put(name, LoadBalancer.builder().id(id(name)).name(name).sku(sku)
          .addAllFrontends(frontends.getOrDefault(name, Map.of()).values()).addBackendPools(pool)
          .addAllRules(r.getValue()).addAllProbes(probes.getOrDefault(name, Map.of()).values()).build());
    }
    List<LbRuleSpec> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      IpAddress ip = e.frontend().privateIp().or(() -> e.frontend().publicIp()).orElseThrow();
      out.add(new LbRuleSpec(lbs.get(e.lb()), built.get(i), e.frontend(), ip, e.probe(), backends,
          Optional.of(e.service()), e.servicePort(), true));
    }
    return out;
  }
}
