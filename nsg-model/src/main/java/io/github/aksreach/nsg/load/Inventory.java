package io.github.aksreach.nsg.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the loaded files contain, counted from their structure: filled in even when loading fails (an ARM template
 * with unresolved expressions still shows how many NSGs and rules it declares).
 *
 * <pre>{@code
 * LoadResult r = AzureLoader.loadFile(Path.of("qs-service-fabric-3-nsgs-30-rules.arm.json"));
 * r.isValid();                          // false: names and ports are ARM expressions
 * r.inventory().nsgs();                 // 3
 * r.inventory().customRules();          // 30
 * r.inventoryByFile().get("qs-service-fabric-3-nsgs-30-rules.arm.json").loadBalancers();   // 3
 * }</pre>
 *
 * @param files JSON files read
 * @param vnets virtual networks
 * @param subnets subnets (inline and standalone)
 * @param nsgs network security groups
 * @param customRules custom security rules (inline and standalone)
 * @param defaultRules default security rules present in the dumps
 * @param nics network interfaces
 * @param routeTables route tables
 * @param routes routes
 * @param asgs application security groups
 * @param loadBalancers load balancers
 * @param lbRules load-balancing rules of the load balancers
 * @param probes health probes of the load balancers
 * @param publicIps public IP addresses
 * @param clusters AKS managed clusters
 * @param serviceTags service tag entries
 * @param serviceTagPrefixes prefixes listed by the service tag entries
 * @param appGateways application gateways (inventory only: not yet on the path)
 * @param firewalls Azure Firewalls (inventory only: not yet on the path)
 * @param effectiveNsgs entries of {@code az network nic list-effective-nsg} (inventory only)
 * @param effectiveRules effective security rules listed by those entries
 * @param skipped resources of other types, skipped with a note
 */
public record Inventory(int files, int vnets, int subnets, int nsgs, int customRules, int defaultRules, int nics,
                        int routeTables, int routes, int asgs, int loadBalancers, int lbRules, int probes,
                        int publicIps, int clusters, int serviceTags, int serviceTagPrefixes, int appGateways,
                        int firewalls, int effectiveNsgs, int effectiveRules, int skipped) {

  /** Nothing. */
  public static Inventory empty() {
    return new Inventory(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Field-wise sum. */
  public Inventory plus(Inventory o) {
    return combine(o, 1);
  }

  /** Field-wise difference (what one file added to a running count). */
  public Inventory minus(Inventory o) {
    return combine(o, -1);
  }

  private Inventory combine(Inventory o, int sign) {
    return new Inventory(files + sign * o.files, vnets + sign * o.vnets, subnets + sign * o.subnets,
        nsgs + sign * o.nsgs, customRules + sign * o.customRules, defaultRules + sign * o.defaultRules,
        nics + sign * o.nics, routeTables + sign * o.routeTables, routes + sign * o.routes, asgs + sign * o.asgs,
        loadBalancers + sign * o.loadBalancers, lbRules + sign * o.lbRules, probes + sign * o.probes,
        publicIps + sign * o.publicIps, clusters + sign * o.clusters, serviceTags + sign * o.serviceTags,
        serviceTagPrefixes + sign * o.serviceTagPrefixes, appGateways + sign * o.appGateways,
        firewalls + sign * o.firewalls, effectiveNsgs + sign * o.effectiveNsgs,
        effectiveRules + sign * o.effectiveRules, skipped + sign * o.skipped);
  }

  /** The non-zero counts, by a user-facing name ("nsgs", "customRules", ...), in declaration order. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : Inventory.class.getRecordComponents()) {
      if (c.getName().equals("files")) {
        continue;
      }
      try {
        int v = (Integer) c.getAccessor().invoke(this);
        if (v != 0) {
          m.put(c.getName(), v);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }
}
