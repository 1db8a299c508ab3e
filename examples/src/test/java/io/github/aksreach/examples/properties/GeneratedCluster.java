package io.github.aksreach.examples.properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.load.ScenarioConfigLoader;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.nsg.load.AzureLoader;
import io.github.aksreach.nsg.load.LoadResult;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * A small generated AKS cluster, described by a few choices and rendered in the real {@code kubectl -o json} and
 * {@code az} shapes, then loaded through the same loaders as a user's dump (so a generated case is also a valid
 * scenario directory).
 *
 * <pre>{@code
 * qt().forAll(GeneratedCluster.clusters()).checkAssert(c -> {
 *   AksReachability a = AksReachability.of(c.scenario(), AksOptions.defaults());
 *   ...
 * });
 * c.withRule("nsg-nodes-a", GeneratedCluster.Rule.allowAll(...));   // the same cluster with one more NSG rule
 * }</pre>
 *
 * <p>Universe: VNet 10.0.0.0/16 with subnets {@code nodes-a} 10.0.1.0/24, {@code nodes-b} 10.0.2.0/24 (kubenet route
 * table) and {@code clients} 10.0.9.0/24; two or three nodes {@code aks-pool-11111111-vmss00000i} at 10.0.1.(4+i)
 * or 10.0.2.(4+i) with pods 10.244.i.0/24; the cluster NSG {@code aks-agentpool-11111111-nsg} on every NIC and
 * optional subnet NSGs with random rules; Service {@code default/web} (LoadBalancer, internal 10.0.1.100 or public
 * 20.1.1.1, port 80 -> 8080, nodePort 30080, healthCheckNodePort 32080) with one to three pods; optionally a
 * NetworkPolicy on them and ingress-nginx (internal 10.0.1.200, host {@code app.example.com}, allow/deny lists) in
 * front of the ClusterIP Service {@code default/app} over the same pods.
 *
 * @param nodeSubnets the subnet of each node ({@code nodes-a} or {@code nodes-b})
 * @param nsgRules the custom rules of each NSG present ({@link #CLUSTER_NSG}, {@code nsg-nodes-a}, ...)
 * @param publicLb whether web's frontend is public (Standard SKU)
 * @param etp web's externalTrafficPolicy
 * @param floatingIpDisabled web's {@code azure-disable-load-balancer-floating-ip}
 * @param sourceRanges web's {@code loadBalancerSourceRanges}
 * @param denyAll web's {@code azure-deny-all-except-load-balancer-source-ranges}
 * @param webPods node index and readiness of each web pod
 * @param policy a NetworkPolicy on the web pods: {@code ""} none, else an ipBlock CIDR or {@code "pods"}
 * @param policyEngine whether NetworkPolicies are enforced
 * @param policySeesPostSnat option {@code networkPolicySeesSource: post-snat}
 * @param nginxNode the node of the ingress-nginx pod, or -1 for no ingress controller
 * @param nginxEtp the controller Service's externalTrafficPolicy
 * @param nginxHealthzPath whether the controller Service sets the probe request path {@code /healthz}
 * @param allowList the Ingress's allow list ({@code ""} none)
 * @param denyList the Ingress's deny list ({@code ""} none)
 * @param allProbedUp {@code noHealthyBackendsBehavior: AllProbedUp}
 * @param sharedProbe {@code probeMode: shared}
 * @param frontendEgress an egress NetworkPolicy on the client pod {@code frontend-0} (10.244.0.50): {@code ""} none,
 *     {@code "web"} TCP 8080 to the web pods, {@code "deny"} nothing, {@code "vnet"} an ipBlock of the VNet
 *     10.0.0.0/16 (Service frontends and nodes, not pods)
 * @param hostPort container hostPorts on {@code web-0} (8080/TCP on hostPort 18080, 8125/UDP on hostPort 8125, the
 *     CNI's portmap): {@code ""} none, {@code "kept"} the default options, {@code "masquerade"} scenario.yaml
 *     {@code assumptions.hostPortKeepsClientSource: false}, {@code "unserved"} {@code assumptions.hostPortServed: false}
 * @param gateway a Gateway API front door (Istio or AGC) in front of the web pods, or {@link GatewayChoice#NONE}
 *     ({@link #clusters()} draws none; {@link #withGateway} adds one)
 */
public record GeneratedCluster(List<String> nodeSubnets, Map<String, List<Rule>> nsgRules, boolean publicLb,
                               String etp, boolean floatingIpDisabled, List<String> sourceRanges, boolean denyAll,
                               List<int[]> webPods, String policy, boolean policyEngine, boolean policySeesPostSnat,
                               int nginxNode, String nginxEtp, boolean nginxHealthzPath, String allowList,
                               String denyList, boolean allProbedUp, boolean sharedProbe, String frontendEgress,
                               String hostPort, GatewayChoice gateway) {
  /** The cluster NSG, on every node NIC. */
  public static final String CLUSTER_NSG = "aks-agentpool-11111111-nsg";
  /** web's internal frontend. */
  public static final IpAddress INTERNAL_FRONTEND = IpAddress.of("10.0.1.100");
  /** web's public frontend. */
  public static final IpAddress PUBLIC_FRONTEND = IpAddress.of("20.1.1.1");
  /** The ingress controller's frontend. */
  public static final IpAddress NGINX_FRONTEND = IpAddress.of("10.0.1.200");
  /** The Ingress's host. */
  public static final String HOST = "app.example.com";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/";
  private static final String RG = "rg-gen";
  private static final String NRG = "MC_rg-gen_aks-gen_westeurope";

  /** A cluster without a Gateway API front door. */
  public GeneratedCluster(List<String> nodeSubnets, Map<String, List<Rule>> nsgRules, boolean publicLb, String etp,
                          boolean floatingIpDisabled, List<String> sourceRanges, boolean denyAll, List<int[]> webPods,
                          String policy, boolean policyEngine, boolean policySeesPostSnat, int nginxNode,
                          String nginxEtp, boolean nginxHealthzPath, String allowList, String denyList,
                          boolean allProbedUp, boolean sharedProbe, String frontendEgress, String hostPort) {
    this(nodeSubnets, nsgRules, publicLb, etp, floatingIpDisabled, sourceRanges, denyAll, webPods, policy,
        policyEngine, policySeesPostSnat, nginxNode, nginxEtp, nginxHealthzPath, allowList, denyList, allProbedUp,
        sharedProbe, frontendEgress, hostPort, GatewayChoice.NONE);
  }

  /** A custom NSG rule as the generator writes it (source port always {@code *}). */
  public record Rule(String name, int priority, String direction, String access, String protocol, String source,
                     String destination, String destinationPorts) {
    Map<String, Object> json(String nsgRg, String nsg) {
      return m("access", access, "destinationAddressPrefix", destination, "destinationAddressPrefixes", List.of(),
          "destinationPortRange", destinationPorts, "destinationPortRanges", List.of(), "direction", direction,
          "id", SUB + nsgRg + "/providers/Microsoft.Network/networkSecurityGroups/" + nsg + "/securityRules/" + name,
          "name", name, "priority", priority, "protocol", protocol, "provisioningState", "Succeeded",
          "sourceAddressPrefix", source, "sourceAddressPrefixes", List.of(), "sourcePortRange", "*",
          "sourcePortRanges", List.of(), "type", "Microsoft.Network/networkSecurityGroups/securityRules");
    }
  }

  /** Randomness, as QuickTheories hands it out. */
  static final class R {
    private final RandomnessSource in;
    private final java.util.Random seeded;

    R(RandomnessSource in) {
      this.in = in;
      this.seeded = null;
    }

    /** Derived choices (e.g. the rule a property adds) from a generated seed. */
    R(long seed) {
      this.in = null;
      this.seeded = new java.util.Random(seed);
    }

    int between(int lo, int hi) {
      return in != null ? (int) in.next(Constraint.between(lo, hi)) : lo + seeded.nextInt(hi - lo + 1);
    }

    boolean oneIn(int n) {
      return between(0, n - 1) == 0;
    }

    <T> T pick(List<T> l) {
      return l.get(between(0, l.size() - 1));
    }
  }

  /** The generator of clusters. */
  public static Gen<GeneratedCluster> clusters() {
    return in -> random(new R(in));
  }

  static final List<String> SOURCES = List.of("*", "*", "VirtualNetwork", "AzureLoadBalancer", "Internet",
      "10.0.9.0/24", "10.0.9.0/26", "10.0.1.0/24", "10.0.2.0/24", "10.244.0.0/16", "203.0.113.0/24", "10.0.1.4",
      "10.0.2.5");
  static final List<String> DESTINATIONS = List.of("*", "*", "VirtualNetwork", "10.0.1.100", "20.1.1.1",
      "10.0.1.200", "10.0.1.0/24", "10.0.2.0/24", "10.244.0.0/16", "10.0.1.4");
  static final List<String> PORTS = List.of("*", "*", "80", "30080", "32080", "8080", "30180", "10356", "30000-32767");

  /** A random rule for {@code nsg}, with a priority not yet used in its direction. */
  static Rule randomRule(R r, String name, List<Rule> existing) {
    return randomRule(r, name, existing, r.oneIn(4) ? "Outbound" : "Inbound");
  }

  private static Rule randomRule(R r, String name, List<Rule> existing, String direction) {
    List<Integer> free = new ArrayList<>();
    for (int p = 100; p <= 490; p += 10) {
      int q = p;
      if (existing.stream().noneMatch(x -> x.priority() == q && x.direction().equals(direction))) {
        free.add(p);
      }
    }
    return new Rule(name, r.pick(free), direction, r.oneIn(2) ? "Allow" : "Deny", r.oneIn(3) ? "*" : "Tcp",
        r.pick(SOURCES), r.pick(DESTINATIONS), r.pick(PORTS));
  }

  /**
   * A random rule for a property to add: wide sources and destinations, so that it often changes a decision (the
   * access is the caller's).
   */
  static Rule addedRule(R r, List<Rule> existing, String access) {
    Rule base = randomRule(r, "added", existing, r.oneIn(5) ? "Outbound" : "Inbound");
    return new Rule("added", base.priority(), base.direction(), access, "*",
        r.pick(List.of("*", "VirtualNetwork", "Internet", "10.0.0.0/16", "10.0.1.0/24", "10.0.2.0/24", "AzureLoadBalancer",
            "10.0.9.0/24")),
        r.pick(List.of("*", "*", "VirtualNetwork", "10.244.0.0/16", "10.0.1.100", "20.1.1.1", "10.0.1.200")),
        r.pick(List.of("*", "*", "80", "8080", "30080")));
  }

  static GeneratedCluster random(R r) {
    int nodes = r.between(2, 3);
    List<String> subnets = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      subnets.add(i == 0 || r.oneIn(2) ? "nodes-a" : "nodes-b");
    }
    Map<String, List<Rule>> nsgs = new TreeMap<>();
    nsgs.put(CLUSTER_NSG, new ArrayList<>());
    for (String s : List.of("nsg-nodes-a", "nsg-nodes-b", "nsg-clients")) {
      if (!r.oneIn(3)) {
        nsgs.put(s, new ArrayList<>());
      }
    }
    for (Map.Entry<String, List<Rule>> e : nsgs.entrySet()) {
      if (e.getKey().startsWith("nsg-nodes") && !r.oneIn(3)) {
        // restrictive, as in the article: clients and probes only; node-to-node forwarding is denied
        e.getValue().add(new Rule("AllowClients", 100, "Inbound", "Allow", "Tcp", "10.0.9.0/24", "*", "*"));
        e.getValue().add(new Rule("AllowAzureLoadBalancer", 110, "Inbound", "Allow", "*", "AzureLoadBalancer", "*",
            "*"));
        if (r.oneIn(2)) {
          e.getValue().add(new Rule("AllowPods", 120, "Inbound", "Allow", "*", "10.244.0.0/16", "*", "*"));
        }
        e.getValue().add(new Rule("DenyAllCustom", 4000, "Inbound", "Deny", "*", "*", "*", "*"));
      }
      int n = r.between(0, 3);
      for (int i = 0; i < n; i++) {
        e.getValue().add(randomRule(r, "r" + i, e.getValue()));
      }
    }
    List<int[]> pods = new ArrayList<>();
    int podCount = r.between(1, 3);
    for (int i = 0; i < podCount; i++) {
      pods.add(new int[] {i == 1 ? 1 : r.between(0, nodes - 1), r.oneIn(6) ? 0 : 1});
    }
    List<String> ranges = r.oneIn(4) ? List.of(r.pick(List.of("10.0.9.0/24", "203.0.113.0/24", "10.0.9.0/26",
        "10.0.1.0/24"))) : List.of();
    String policy = r.oneIn(3) ? r.pick(List.of("10.0.9.0/24", "10.0.0.0/16", "10.0.1.0/24", "pods")) : "";
    int nginx = r.oneIn(3) ? r.between(0, nodes - 1) : -1;
    GeneratedCluster c = new GeneratedCluster(subnets, nsgs, r.oneIn(3), r.oneIn(2) ? "Local" : "Cluster",
        r.oneIn(5), ranges, !ranges.isEmpty() && r.oneIn(2), pods, policy, r.oneIn(2), r.oneIn(2), nginx,
        r.oneIn(2) ? "Local" : "Cluster", !r.oneIn(4), r.oneIn(2) ? r.pick(List.of("10.0.9.0/24", "10.0.0.0/16",
        "10.0.9.0/26")) : "", r.oneIn(3) ? r.pick(List.of("10.0.9.4/32", "10.0.1.0/24")) : "", r.oneIn(3),
        r.oneIn(6), "", "", GatewayChoice.NONE);
    // derived from the choices above rather than drawn, so the clusters the fixed seed gives (and the properties'
    // per-outcome counts) stay as they were before this choice existed
    int h = Math.floorMod(java.util.Objects.hash(nodes, podCount, ranges, policy, nginx, c.etp(), c.publicLb()), 6);
    c = h < 3 ? c.withFrontendEgress(List.of("web", "deny", "vnet").get(h)) : c;
    // the same for hostPorts (issue 12): most clusters map some, under each of the options
    int hp = Math.floorMod(java.util.Objects.hash(subnets, pods.get(0)[0], c.denyAll(), c.allowList(), c.sharedProbe(),
        c.policyEngine(), "hostPort"), 6);
    return c.withHostPort(List.of("", "kept", "kept", "kept", "masquerade", "unserved").get(hp));
  }

  /** The same cluster with {@code rule} added to the NSG {@code nsg} (which must exist). */
  public GeneratedCluster withRule(String nsg, Rule rule) {
    Map<String, List<Rule>> copy = new TreeMap<>();
    nsgRules.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    copy.get(nsg).add(rule);
    return new GeneratedCluster(nodeSubnets, copy, publicLb, etp, floatingIpDisabled, sourceRanges, denyAll, webPods,
        policy, policyEngine, policySeesPostSnat, nginxNode, nginxEtp, nginxHealthzPath, allowList, denyList,
        allProbedUp, sharedProbe, frontendEgress, hostPort, gateway);
  }

  /** The same cluster with another egress policy on the client pod {@code frontend-0}. */
  public GeneratedCluster withFrontendEgress(String egress) {
    return new GeneratedCluster(nodeSubnets, nsgRules, publicLb, etp, floatingIpDisabled, sourceRanges, denyAll,
        webPods, policy, policyEngine, policySeesPostSnat, nginxNode, nginxEtp, nginxHealthzPath, allowList, denyList,
        allProbedUp, sharedProbe, egress, hostPort, gateway);
  }

  /** The same cluster with other hostPorts on {@code web-0} ({@link #hostPort()}). */
  public GeneratedCluster withHostPort(String h) {
    return new GeneratedCluster(nodeSubnets, nsgRules, publicLb, etp, floatingIpDisabled, sourceRanges, denyAll,
        webPods, policy, policyEngine, policySeesPostSnat, nginxNode, nginxEtp, nginxHealthzPath, allowList, denyList,
        allProbedUp, sharedProbe, frontendEgress, h, gateway);
  }

  /** The same cluster with a Gateway API front door drawn from {@code seed} (Istio or AGC, DOMAIN-GATEWAY 7). */
  public GeneratedCluster withGateway(long seed) {
    return withGateway(GatewayChoice.random(new R(seed), nodeSubnets.size()));
  }

  /** The same cluster with {@code g} as its Gateway API front door. */
  public GeneratedCluster withGateway(GatewayChoice g) {
    return new GeneratedCluster(nodeSubnets, nsgRules, publicLb, etp, floatingIpDisabled, sourceRanges, denyAll,
        webPods, policy, policyEngine, policySeesPostSnat, nginxNode, nginxEtp, nginxHealthzPath, allowList, denyList,
        allProbedUp, sharedProbe, frontendEgress, hostPort, g);
  }

  // ------------------------------------------------------------------------------------------------ addresses

  /** The name of node {@code i}. */
  public String nodeName(int i) {
    return "aks-pool-11111111-vmss00000" + i;
  }

  /** The InternalIP of node {@code i} (in its subnet). */
  public IpAddress nodeIp(int i) {
    return IpAddress.of(nodeSubnets.get(i).equals("nodes-a") ? "10.0.1." + (4 + i) : "10.0.2." + (4 + i));
  }

  /** The address of web pod {@code j} (in its node's pod CIDR). */
  public IpAddress webPodIp(int j) {
    return IpAddress.of("10.244." + webPods.get(j)[0] + "." + (10 + j));
  }

  /** web's frontend IP: public or internal. */
  public IpAddress webFrontend() {
    return publicLb ? PUBLIC_FRONTEND : INTERNAL_FRONTEND;
  }

  /** Addresses worth sampling as sources: clients, nodes, pods, the platform, the Internet. */
  public List<IpAddress> interestingSources() {
    List<IpAddress> out = new ArrayList<>(Arrays.asList(IpAddress.of("10.0.9.4"), IpAddress.of("10.0.9.100"),
        IpAddress.of("10.0.1.50"), IpAddress.of("10.0.2.50"), IpAddress.of("203.0.113.7"),
        IpAddress.of("198.51.100.7"), IpAddress.of("168.63.129.16"), IpAddress.of("10.244.0.50"),
        IpAddress.of("10.244.7.1"), INTERNAL_FRONTEND));
    for (int i = 0; i < nodeSubnets.size(); i++) {
      out.add(nodeIp(i));
    }
    for (int j = 0; j < webPods.size(); j++) {
      out.add(webPodIp(j));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------ rendering

  /** The cluster as a scenario, loaded from its kubectl/az documents. */
  public Scenario scenario() {
    LoadResult az = AzureLoader.parseAll(azureDocuments());
    if (!az.isValid()) {
      throw new IllegalStateException("generated Azure documents do not load: " + az.errors());
    }
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> k8s = KubernetesLoader.create()
        .loadString("k8s/cluster.json", kubernetesDocument());
    if (k8s.isInvalid()) {
      throw new IllegalStateException("generated Kubernetes document does not load: " + k8s.getError());
    }
    Validation<Seq<ModelError>, Loaded<ScenarioConfig>> cfg = ScenarioConfigLoader.parse("scenario.yaml",
        scenarioYaml());
    if (cfg.isInvalid()) {
      throw new IllegalStateException("generated scenario.yaml does not load: " + cfg.getError());
    }
    return new Scenario("generated", az.network().orElseThrow(), k8s.get().value(), Optional.empty(),
        cfg.get().value(), List.of());
  }

  /** {@code scenario.yaml}. */
  public String scenarioYaml() {
    return "cluster:\n  networkPlugin: " + (gateway.agc() ? "azure-overlay" : "kubenet") + "\n  clusterNsg: " + CLUSTER_NSG + "\n  kubernetesVersion: \"1.29\"\n"
        + "  networkPolicy: " + (policyEngine ? "azure" : "none") + "\n"
        + (sharedProbe ? "  probeMode: shared\n" : "")
        + "loadBalancer:\n  noHealthyBackendsBehavior: " + (allProbedUp ? "AllProbedUp" : "AllProbedDown") + "\n"
        + "assumptions:\n  networkPolicySeesSource: " + (policySeesPostSnat ? "post-snat" : "pre-snat") + "\n"
        + (hostPort.equals("masquerade") ? "  hostPortKeepsClientSource: false\n" : "")
        + (hostPort.equals("unserved") ? "  hostPortServed: false\n" : "")
        // the partner range the NSG rules name is routed in (VPN), so its rules decide; 198.51.100.0/24 stays Internet
        + "network:\n  routedIntoVnet: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 203.0.113.0/24]\n"
        + gateway.scenarioYaml();
  }

  /** The {@code az} documents by file name: vnet, NSGs, route table. */
  public Map<String, String> azureDocuments() {
    Map<String, String> docs = new LinkedHashMap<>();
    List<Object> subnets = new ArrayList<>();
    List<String[]> subnetList = new ArrayList<>(List.of(new String[] {"nodes-a", "10.0.1.0/24"},
        new String[] {"nodes-b", "10.0.2.0/24"}, new String[] {"clients", "10.0.9.0/24"}));
    Map<String, List<Rule>> allNsgs = new TreeMap<>(nsgRules);
    if (gateway.agc()) {
      subnetList.add(new String[] {"alb", "10.0.5.0/24"});
      if (gateway.albRules() != null) {
        allNsgs.put("nsg-alb", gateway.albNsgRules());
      }
    }
    for (String[] s : subnetList) {
      String nsg = "nsg-" + s[0];
      String name = s[0].equals("alb") ? "subnet-alb" : s[0];
      subnets.add(m("addressPrefix", s[1], "id", subnetId(name), "name", name,
          "networkSecurityGroup", allNsgs.containsKey(nsg) ? m("id", nsgId(RG, nsg), "resourceGroup", RG) : null,
          "routeTable", s[0].startsWith("nodes") ? m("id", SUB + NRG
              + "/providers/Microsoft.Network/routeTables/aks-agentpool-11111111-routetable") : null,
          "type", "Microsoft.Network/virtualNetworks/subnets"));
    }
    docs.put("vnet.json", write(m("addressSpace", m("addressPrefixes", List.of("10.0.0.0/16")),
        "id", SUB + RG + "/providers/Microsoft.Network/virtualNetworks/vnet-gen", "location", "westeurope",
        "name", "vnet-gen", "resourceGroup", RG, "subnets", subnets, "type", "Microsoft.Network/virtualNetworks",
        "virtualNetworkPeerings", List.of())));
    List<Object> nsgs = new ArrayList<>();
    for (Map.Entry<String, List<Rule>> e : allNsgs.entrySet()) {
      String rg = e.getKey().equals(CLUSTER_NSG) ? NRG : RG;
      String subnet = e.getKey().equals("nsg-alb") ? "subnet-alb"
          : e.getKey().startsWith("nsg-") ? e.getKey().substring(4) : null;
      nsgs.add(m("id", nsgId(rg, e.getKey()), "location", "westeurope", "name", e.getKey(), "resourceGroup", rg,
          "securityRules", e.getValue().stream().map(x -> x.json(rg, e.getKey())).collect(Collectors.toList()),
          "subnets", subnet == null ? null : List.of(m("id", subnetId(subnet), "resourceGroup", RG)),
          "type", "Microsoft.Network/networkSecurityGroups"));
    }
    docs.put("nsgs.json", write(nsgs));
    List<Object> routes = new ArrayList<>();
    for (int i = 0; i < nodeSubnets.size(); i++) {
      routes.add(m("addressPrefix", "10.244." + i + ".0/24", "name", nodeName(i), "nextHopIpAddress",
          nodeIp(i).toString(), "nextHopType", "VirtualAppliance", "type", "Microsoft.Network/routeTables/routes"));
    }
    docs.put("routetables.json", write(List.of(m("id", SUB + NRG
            + "/providers/Microsoft.Network/routeTables/aks-agentpool-11111111-routetable", "location", "westeurope",
        "name", "aks-agentpool-11111111-routetable", "resourceGroup", NRG, "routes", routes,
        "subnets", List.of(m("id", subnetId("nodes-a")), m("id", subnetId("nodes-b"))),
        "type", "Microsoft.Network/routeTables"))));
    return docs;
  }

  /** {@code kubectl get namespaces,nodes,pods,services,networkpolicies,configmaps,ingresses -A -o json}. */
  public String kubernetesDocument() {
    List<Object> items = new ArrayList<>();
    items.add(namespace("default"));
    for (int i = 0; i < nodeSubnets.size(); i++) {
      items.add(m("apiVersion", "v1", "kind", "Node", "metadata", m("name", nodeName(i), "labels",
              m("kubernetes.io/hostname", nodeName(i), "agentpool", "pool")),
          "spec", m("podCIDR", "10.244." + i + ".0/24", "podCIDRs", List.of("10.244." + i + ".0/24")),
          "status", m("addresses", List.of(m("address", nodeIp(i).toString(), "type", "InternalIP")),
              "conditions", List.of(m("status", "True", "type", "Ready")),
              "nodeInfo", m("kubeletVersion", "v1.29.4"))));
    }
    for (int j = 0; j < webPods.size(); j++) {
      List<Object> ports = j == 0 && !hostPort.isEmpty()
          ? List.of(m("containerPort", 8080, "name", "http", "protocol", "TCP", "hostPort", 18080),
              m("containerPort", 8125, "name", "statsd", "protocol", "UDP", "hostPort", 8125))
          : List.of(m("containerPort", 8080, "name", "http", "protocol", "TCP"));
      items.add(pod("default", "web-" + j, webPods.get(j)[0], webPodIp(j).toString(), m("app", "web"),
          webPods.get(j)[1] == 1, ports, null));
    }
    items.add(pod("default", "frontend-0", 0, "10.244.0.50", m("app", "frontend"), true, List.of(), null));
    Map<String, Object> ann = new LinkedHashMap<>();
    if (!publicLb) {
      ann.put("service.beta.kubernetes.io/azure-load-balancer-internal", "true");
    }
    if (floatingIpDisabled) {
      ann.put("service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip", "true");
    }
    if (denyAll) {
      ann.put("service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges", "true");
    }
    Map<String, Object> spec = m("type", "LoadBalancer", "clusterIP", "10.0.200.10", "externalTrafficPolicy", etp,
        "ports", List.of(m("name", "http", "port", 80, "protocol", "TCP", "targetPort", 8080, "nodePort", 30080)),
        "selector", m("app", "web"));
    if (etp.equals("Local")) {
      spec.put("healthCheckNodePort", 32080);
    }
    if (!sourceRanges.isEmpty()) {
      spec.put("loadBalancerSourceRanges", sourceRanges);
    }
    items.add(m("apiVersion", "v1", "kind", "Service", "metadata", m("name", "web", "namespace", "default",
            "uid", "6f1c2a3b-0000-4000-8000-000000000001", "annotations", ann), "spec", spec,
        "status", m("loadBalancer", m("ingress", List.of(m("ip", webFrontend().toString()))))));
    if (!policy.isEmpty()) {
      Object from = policy.equals("pods") ? m("podSelector", m("matchLabels", m("app", "frontend")))
          : m("ipBlock", m("cidr", policy));
      items.add(m("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata",
          m("name", "web-policy", "namespace", "default"), "spec", m("podSelector", m("matchLabels", m("app", "web")),
              "policyTypes", List.of("Ingress"), "ingress", List.of(m("from", List.of(from))))));
    }
    if (!frontendEgress.isEmpty()) {
      List<Object> egress = switch (frontendEgress) {
        case "web" -> List.of(m("to", List.of(m("podSelector", m("matchLabels", m("app", "web")))),
            "ports", List.of(m("port", 8080, "protocol", "TCP"))));
        case "vnet" -> List.of(m("to", List.of(m("ipBlock", m("cidr", "10.0.0.0/16")))));
        default -> List.of();
      };
      items.add(m("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata",
          m("name", "frontend-egress", "namespace", "default"), "spec", m("podSelector",
              m("matchLabels", m("app", "frontend")), "policyTypes", List.of("Egress"), "egress", egress)));
    }
    if (nginxNode >= 0) {
      items.addAll(nginx());
    }
    items.addAll(gateway.items(this));
    return write(m("apiVersion", "v1", "kind", "List", "items", items, "metadata", m("resourceVersion", "")));
  }

  private List<Object> nginx() {
    List<Object> items = new ArrayList<>();
    items.add(namespace("ingress-nginx"));
    Map<String, Object> labels = m("app.kubernetes.io/component", "controller", "app.kubernetes.io/instance",
        "ingress-nginx", "app.kubernetes.io/name", "ingress-nginx");
    Map<String, Object> container = m("name", "controller", "image", "registry.k8s.io/ingress-nginx/controller:v1.10.1",
        "args", List.of("/nginx-ingress-controller", "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
            "--ingress-class=nginx"),
        "ports", List.of(m("containerPort", 80, "name", "http", "protocol", "TCP")));
    items.add(pod("ingress-nginx", "ingress-nginx-controller-0", nginxNode, "10.244." + nginxNode + ".20", labels,
        true, null, container));
    Map<String, Object> ann = m("service.beta.kubernetes.io/azure-load-balancer-internal", "true");
    if (nginxHealthzPath) {
      ann.put("service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path", "/healthz");
    }
    Map<String, Object> spec = m("type", "LoadBalancer", "clusterIP", "10.0.200.20", "externalTrafficPolicy", nginxEtp,
        "ports", List.of(m("name", "http", "port", 80, "protocol", "TCP", "targetPort", "http", "nodePort", 30180,
            "appProtocol", "http")), "selector", labels);
    if (nginxEtp.equals("Local")) {
      spec.put("healthCheckNodePort", 32180);
    }
    items.add(m("apiVersion", "v1", "kind", "Service", "metadata", m("name", "ingress-nginx-controller",
            "namespace", "ingress-nginx", "uid", "6f1c2a3b-0000-4000-8000-000000000002", "annotations", ann),
        "spec", spec, "status", m("loadBalancer", m("ingress", List.of(m("ip", NGINX_FRONTEND.toString()))))));
    items.add(m("apiVersion", "v1", "kind", "Service", "metadata", m("name", "app", "namespace", "default"),
        "spec", m("type", "ClusterIP", "clusterIP", "10.0.200.30", "ports", List.of(m("name", "http", "port", 8080,
            "protocol", "TCP", "targetPort", 8080)), "selector", m("app", "web"))));
    items.add(m("apiVersion", "v1", "kind", "ConfigMap", "metadata", m("name", "ingress-nginx-controller",
        "namespace", "ingress-nginx"), "data", m()));
    items.add(m("apiVersion", "networking.k8s.io/v1", "kind", "IngressClass", "metadata", m("name", "nginx"),
        "spec", m("controller", "k8s.io/ingress-nginx")));
    Map<String, Object> ingAnn = m();
    if (!allowList.isEmpty()) {
      ingAnn.put("nginx.ingress.kubernetes.io/allowlist-source-range", allowList);
    }
    if (!denyList.isEmpty()) {
      ingAnn.put("nginx.ingress.kubernetes.io/denylist-source-range", denyList);
    }
    items.add(m("apiVersion", "networking.k8s.io/v1", "kind", "Ingress", "metadata", m("name", "app",
            "namespace", "default", "annotations", ingAnn),
        "spec", m("ingressClassName", "nginx", "rules", List.of(m("host", HOST, "http", m("paths", List.of(
            m("path", "/", "pathType", "Prefix", "backend", m("service", m("name", "app", "port",
                m("number", 8080)))))))))));
    return items;
  }

  private Map<String, Object> pod(String ns, String name, int node, String ip, Map<String, Object> labels,
                                  boolean ready, List<Object> ports, Map<String, Object> container) {
    Map<String, Object> c = container != null ? container : m("name", name.replaceAll("-.*", ""),
        "image", "mcr.microsoft.com/azuredocs/aks-helloworld:v1", "ports", ports);
    return m("apiVersion", "v1", "kind", "Pod", "metadata", m("name", name, "namespace", ns, "labels", labels),
        "spec", m("nodeName", nodeName(node), "containers", List.of(c)),
        "status", m("phase", "Running", "podIP", ip, "podIPs", List.of(m("ip", ip)), "hostIP", nodeIp(node).toString(),
            "conditions", List.of(m("type", "Ready", "status", ready ? "True" : "False"))));
  }

  private static Map<String, Object> namespace(String name) {
    return m("apiVersion", "v1", "kind", "Namespace", "metadata", m("name", name, "labels",
        m("kubernetes.io/metadata.name", name)));
  }

  static String subnetId(String name) {
    return SUB + RG + "/providers/Microsoft.Network/virtualNetworks/vnet-gen/subnets/" + name;
  }

  private static String nsgId(String rg, String name) {
    return SUB + rg + "/providers/Microsoft.Network/networkSecurityGroups/" + name;
  }

  private static Map<String, Object> m(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  private static String write(Object o) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "GeneratedCluster[nodes=" + nodeSubnets + ", nsgs=" + nsgRules + ", publicLb=" + publicLb + ", etp=" + etp
        + ", fipDisabled=" + floatingIpDisabled + ", ranges=" + sourceRanges + ", denyAll=" + denyAll + ", webPods="
        + webPods.stream().map(Arrays::toString).collect(Collectors.toList()) + ", policy=" + policy + ", engine="
        + policyEngine + ", postSnat=" + policySeesPostSnat + ", nginxNode=" + nginxNode + ", nginxEtp=" + nginxEtp
        + ", healthz=" + nginxHealthzPath + ", allow=" + allowList + ", deny=" + denyList + ", allProbedUp="
        + allProbedUp + ", sharedProbe=" + sharedProbe + ", frontendEgress=" + frontendEgress + ", hostPort=" + hostPort
        + (gateway.kind().isEmpty() ? "" : ", gateway=" + gateway)
        + "]";
  }
}
