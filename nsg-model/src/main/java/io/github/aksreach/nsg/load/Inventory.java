package io.github.aksreach.nsg.load;

/**
 * What the loaded files contain, counted from their structure: filled in even when loading fails (an ARM template
 * with unresolved expressions still shows how many NSGs and rules it declares).
 *
 * <pre>{@code
 * LoadResult r = AzureLoader.loadFile(Path.of("qs-service-fabric-3-nsgs-30-rules.arm.json"));
 * r.isValid();                          // false: names and ports are ARM expressions
 * r.inventory().nsgs();                 // 3
 * r.inventory().customRules();          // 30
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
 * @param publicIps public IP addresses
 * @param clusters AKS managed clusters
 * @param serviceTags service tag entries
 * @param serviceTagPrefixes prefixes listed by the service tag entries
 * @param skipped resources of other types, skipped with a note
 */
public record Inventory(int files, int vnets, int subnets, int nsgs, int customRules, int defaultRules, int nics,
                        int routeTables, int routes, int asgs, int loadBalancers, int publicIps, int clusters,
                        int serviceTags, int serviceTagPrefixes, int skipped) {

  /** Nothing. */
  public static Inventory empty() {
    return new Inventory(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Field-wise sum. */
  public Inventory plus(Inventory o) {
    return new Inventory(files + o.files, vnets + o.vnets, subnets + o.subnets, nsgs + o.nsgs,
        customRules + o.customRules, defaultRules + o.defaultRules, nics + o.nics, routeTables + o.routeTables,
        routes + o.routes, asgs + o.asgs, loadBalancers + o.loadBalancers, publicIps + o.publicIps,
        clusters + o.clusters, serviceTags + o.serviceTags, serviceTagPrefixes + o.serviceTagPrefixes,
        skipped + o.skipped);
  }
}
