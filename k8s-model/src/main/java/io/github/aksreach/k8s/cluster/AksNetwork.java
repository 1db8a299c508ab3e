package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxOptions;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.EvalOptions;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AKS assembly: a cluster placed on its Azure network, with what manifests lack filled in and warned about
 * ({@link ManifestAssumptions}; {@code scenario().notes()}). Each node sits in the subnet that holds its InternalIP
 * (or its NIC's), behind that subnet's NSG and the cluster NSG on its NIC; under kubenet the node route table's pod
 * CIDR routes widen the VirtualNetwork tag; the load balancing is derived from the Services (cloud-provider-azure)
 * and its managed rules are added to the cluster NSG.
 *
 * <pre>{@code
 * AksNetwork net = AksNetwork.assemble(scenario, AksOptions.defaults());
 * net.nsgPath(node);            // subnet NSG nsg-user, NIC NSG aks-agentpool-...-nsg
 * net.loadBalancing().rules();  // LB rules with probes and backends
 * }</pre>
 */
public final class AksNetwork {
  private final Scenario scenario;
  private final AksOptions options;
  private final LoadBalancing loadBalancing;
  private final AzureNetwork azure;
  private final Optional<NetworkSecurityGroup> clusterNsg;
  private final List<IngressNginxController> controllers;
  private final GatewayDataPlanes gateways;
  private final Map<String, IngressNginxRouter> routers = new HashMap<>();
  private final Map<String, NsgPath> nodePaths = new HashMap<>();
  private NodeClasses classes;
  private IpSet nodeAddresses;
  /** Every node and live pod address; immutable once made, read without a lock (a race makes it twice, equal). */
  private volatile IpSet clusterAddresses;
  private volatile IpSet allPodAddresses;
  private List<Node> absentNodes;

  private AksNetwork(Scenario dumped, AksOptions options) {
    // what the API server would have filled in (node ports, ...), then the Services Istio generates for Gateways
    this.gateways = GatewayDataPlanes.place(ManifestAssumptions.apply(dumped), options.gateway());
    Scenario scenario = gateways.scenario();
    this.scenario = scenario;
    // per-engine NetworkPolicy semantics (e.g. Cilium's ipBlock) where the caller did not set them
    // and the ranges routed into the VNet (peerings, VPN, ExpressRoute) in the VirtualNetwork tag (DOMAIN.md 1.3)
    // and scenario.yaml's hostPort assumptions, which describe this cluster, over the caller's
    this.options = options.withNetworkPolicy(options.networkPolicy().forEngine(scenario.policyEngine()))
        .withNsg(withRoutedIntoVnet(options.nsg(), scenario.config().routedIntoVnetOrDefault()))
        .withHostPort(options.hostPort().from(scenario.config()))
        .withGateway(options.gateway().withAgcNoHealthyBackends(scenario.config().agcNoHealthyBackends()
            .orElse(options.gateway().agcNoHealthyBackends())));
    this.loadBalancing = LoadBalancerResolver.resolve(scenario, CloudProviderAzure.Options.from(scenario));
    Optional<NetworkSecurityGroup> cnsg = CloudProviderAzure.clusterNsg(scenario);
    AzureNetwork az = scenario.azure();
    if (cnsg.isPresent() && !loadBalancing.managedNsgRules().isEmpty()) {
      List<SecurityRule> rules = new ArrayList<>(cnsg.get().customRules());
      rules.addAll(loadBalancing.managedNsgRules());
      NetworkSecurityGroup updated = cnsg.get().withCustomRules(rules);
      List<NetworkSecurityGroup> nsgs = new ArrayList<>();
      for (NetworkSecurityGroup n : az.nsgs()) {
        nsgs.add(n.id().equals(updated.id()) ? updated : n);
      }
      az = az.withNsgs(nsgs);
      cnsg = Optional.of(updated);
    }
    this.azure = az;
    this.clusterNsg = cnsg;
    this.controllers = IngressNginxController.detect(scenario.kubernetes());
  }

  /** Node equivalence classes (built on first use). */
  public synchronized NodeClasses classes() {
    if (classes == null) {
      classes = new NodeClasses(this);
    }
    return classes;
  }

  /** Every node InternalIP. */
  public synchronized IpSet nodeAddresses() {
    if (nodeAddresses == null) {
      List<IpAddress> as = new ArrayList<>();
      for (Node n : kubernetes().nodes()) {
        as.addAll(n.internalIps());
      }
      nodeAddresses = IpSet.ofAddresses(as);
    }
    return nodeAddresses;
  }

  /**
   * The nodes that live pods with addresses name in {@code spec.nodeName} but the dump lacks (a dump taken at two
   * times, or only some objects dumped), each as a node with that name and nothing else known: no address, no pod
   * CIDR, never a load-balancer backend. Their pods are reachable by their pod addresses as the network plugin routes
   * them ({@code PodRouting}); {@code ScenarioNotes} warns about each.
   */
  public synchronized List<Node> absentNodes() {
    if (absentNodes == null) {
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      for (Pod p : kubernetes().pods()) {
        if (p.isLive() && !p.hostNetwork() && !p.podIps().isEmpty() && p.nodeName().isPresent()
            && kubernetes().node(p.nodeName().get()).isEmpty()) {
          names.add(p.nodeName().get());
        }
      }
      absentNodes = names.stream().map(n -> Node.builder().name(n).build()).toList();
    }
    return absentNodes;
  }

  /** A node of the dump, or one of the {@link #absentNodes()}. */
  public Optional<Node> node(String name) {
    Optional<Node> n = kubernetes().node(name);
    return n.isPresent() ? n : absentNodes().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** Whether {@code node} is one of the {@link #absentNodes()}. */
  public boolean isAbsent(Node node) {
    return kubernetes().node(node.name()).isEmpty();
  }

  /** The live pods of {@code n} with addresses of their own (hostNetwork pods use the node's). */
  public List<Pod> livePods(Node n) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : kubernetes().podsOnNode(n.name())) {
      if (!p.hostNetwork() && p.isLive()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The addresses of {@code n}'s live pods. */
  public IpSet podAddresses(Node n) {
    return podIps(livePods(n));
  }

  /** The addresses of {@code pods}. */
  public static IpSet podIps(List<Pod> pods) {
    List<IpAddress> as = new ArrayList<>();
    pods.forEach(p -> as.addAll(p.podIps()));
    return IpSet.ofAddresses(as);
  }

  /**
   * Every live pod address of the cluster. Computed once (each graph's Azure routing and {@link #clusterAddresses()}
   * ask); lock-free afterwards.
   */
  public IpSet allPodAddresses() {
    IpSet s = allPodAddresses;
    if (s == null) {
      List<IpAddress> as = new ArrayList<>();
      for (Node n : kubernetes().nodes()) {
        livePods(n).forEach(p -> as.addAll(p.podIps()));
      }
      s = IpSet.ofAddresses(as);
      allPodAddresses = s;
    }
    return s;
  }

  /**
   * Every address of a node or a live pod: the sources kube-proxy short-circuits to Service addresses. Computed once;
   * lock-free afterwards, so a per-flow question (a flow log's tuples) may ask it every time.
   */
  public IpSet clusterAddresses() {
    IpSet s = clusterAddresses;
    if (s == null) {
      s = nodeAddresses().union(allPodAddresses());
      clusterAddresses = s;
    }
    return s;
  }

  /**
   * {@code nsg} with the ranges {@code scenario.yaml} routes into the VNet among its connected prefixes: Azure routes
   * them in only through a peering or a VPN/ExpressRoute gateway, and both put them in the {@code VirtualNetwork} tag.
   */
  private static EvalOptions withRoutedIntoVnet(EvalOptions nsg, List<IpPrefix> routed) {
    java.util.LinkedHashSet<IpPrefix> all = new java.util.LinkedHashSet<>(nsg.connectedPrefixes());
    all.addAll(routed);
    return nsg.withConnectedPrefixes(all);
  }

  public static AksNetwork assemble(Scenario scenario, AksOptions options) {
    return new AksNetwork(scenario, options);
  }

  /** The scenario as assembled: the dumped one, with the Services of Istio Gateways the dump lacks added. */
  public Scenario scenario() {
    return scenario;
  }

  public AksOptions options() {
    return options;
  }

  public KubernetesCluster kubernetes() {
    return scenario.kubernetes();
  }

  /** The Azure network with the cluster NSG's managed rules in place. */
  public AzureNetwork azure() {
    return azure;
  }

  public LoadBalancing loadBalancing() {
    return loadBalancing;
  }

  public Optional<NetworkSecurityGroup> clusterNsg() {
    return clusterNsg;
  }

  public NetworkPlugin networkPlugin() {
    return scenario.networkPlugin();
  }

  public boolean enforcesNetworkPolicy() {
    return scenario.policyEngine().enforces();
  }

  /** The ingress-nginx controllers found in the cluster. */
  public List<IngressNginxController> controllers() {
    return controllers;
  }

  /**
   * The Istio Gateways and their data planes; their Services (dumped, or derived and added to {@link #kubernetes()})
   * are load balanced like any other.
   */
  public GatewayDataPlanes gateways() {
    return gateways;
  }

  /** The Application Gateway for Containers Gateways (wired into the graph when {@code wired()}). */
  public List<io.github.aksreach.k8s.gateway.AgcGateway> agcGateways() {
    return gateways.agc();
  }

  /** The Istio Gateway a pod serves, if it is a gateway pod. */
  public Optional<io.github.aksreach.k8s.gateway.IstioGateway> gatewayOf(Pod pod) {
    return gateways.gatewayOf(pod);
  }

  /** The controller a pod belongs to, if it is an ingress-nginx pod. */
  public Optional<IngressNginxController> controllerOf(Pod pod) {
    for (IngressNginxController c : controllers) {
      for (Pod p : c.pods()) {
        if (p.key().equals(pod.key())) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  public synchronized IngressNginxRouter router(IngressNginxController c) {
    return routers.computeIfAbsent(c.key(), k -> IngressNginxRouter.of(kubernetes(), c, c.config(kubernetes()),
        NginxOptions.defaults()));
  }

  /** The NSGs a node's traffic meets: its subnet's and its NIC's (the cluster NSG when no NIC was dumped). */
  public synchronized NsgPath nsgPath(Node node) {
    NsgPath known = nodePaths.get(node.name());   // asked many times per node: no capturing lambda on a hit
    if (known != null) {
      return known;
    }
    NsgPath made = pathOf(node);
    nodePaths.put(node.name(), made);
    return made;
  }

  private NsgPath pathOf(Node node) {
    Optional<IpAddress> ip = node.primaryInternalIp();
    Optional<NetworkInterface> nic = ip.isPresent() ? azure.nicByIp(ip.get()) : Optional.empty();
    if (nic.isPresent()) {
      NsgPath p = azure.nsgsOnPath(nic.get(), ip.get());
      if (p.nicNsg().isEmpty() && clusterNsg.isPresent()) {
        return new NsgPath(p.subnet(), p.subnetNsg(), clusterNsg);
      }
      return p;
    }
    if (ip.isEmpty() && isAbsent(node)) {
      // a node the dump lacks: its pods' subnet (their VNet addresses under Azure CNI), and the cluster NSG that AKS
      // puts on every node NIC
      ip = livePods(node).stream().flatMap(p -> p.podIps().stream()).filter(a -> azure.subnetContaining(a)
          .isPresent()).findFirst();
    }
    Optional<Subnet> subnet = ip.flatMap(azure::subnetContaining);
    Optional<NetworkSecurityGroup> subnetNsg = subnet.flatMap(Subnet::nsgId).flatMap(azure::nsg);
    return new NsgPath(subnet, subnetNsg, clusterNsg);
  }

  /**
   * Every NSG of the assembled network, the rules cloud-provider-azure derives included, compiled in both directions:
   * the addresses no rule can resolve (a service tag no loaded ServiceTags file defines, an ASG nobody declared), as
   * bad input on {@code azure/}. A derived rule's tag comes from a Service annotation, so the hint says so.
   */
  public io.vavr.collection.Seq<io.github.aksreach.core.model.ModelError> unresolvedAddresses() {
    io.vavr.collection.Vector<io.github.aksreach.core.model.ModelError> out = io.vavr.collection.Vector.empty();
    for (NetworkSecurityGroup nsg : azure.nsgs()) {
      Optional<Subnet> subnet = azure.vnets().stream().flatMap(v -> v.subnets().stream())
          .filter(s -> s.nsgId().map(nsg.id()::equals).orElse(false)).findFirst();
      AddressResolver r = resolver(subnet);
      for (io.github.aksreach.nsg.model.Direction d : io.github.aksreach.nsg.model.Direction.values()) {
        var compiled = io.github.aksreach.nsg.eval.CompiledNsg.compile(nsg, d, r);
        if (compiled.isInvalid()) {
          for (io.github.aksreach.core.model.ModelError e : compiled.getError()) {
            String hint = e.message().contains("k8s-azure-lb_")
                ? " (a rule cloud-provider-azure derives from a Service's azure-allowed-service-tags annotation: add "
                    + "the Service Tags download, ServiceTags_*.json, to azure/)" : "";
            out = out.append(io.github.aksreach.core.model.ModelError.of("%s%s", e.message(), hint)
                .at("azure", "networkSecurityGroups[" + nsg.name() + "]"));
          }
        }
      }
    }
    return out.distinct();
  }

  /** The resolver of tags and ASGs for a hop in {@code subnet}'s VNet (the first VNet when unknown). */
  public AddressResolver resolver(Optional<Subnet> subnet) {
    Optional<VirtualNetwork> vnet = subnet.flatMap(azure::vnetOf);
    if (vnet.isEmpty() && !azure.vnets().isEmpty()) {
      vnet = Optional.of(azure.vnets().get(0));
    }
    if (vnet.isEmpty()) {
      return AddressResolver.of(io.github.aksreach.core.model.IpSet.empty(), azure.serviceTags(), Map.of());
    }
    return AddressResolver.forVnet(azure, vnet.get(), options.nsg());
  }

  /** The source address a local endpoint sees after kube-proxy's masquerade on {@code node}. */
  public Optional<IpAddress> sameNodeSnat(Node node, IpFamily family) {
    if (networkPlugin() == NetworkPlugin.KUBENET || !options.sameNodeSnatIsNodeIpOnAzureCni()) {
      Optional<IpAddress> bridge = node.bridgeAddress(family);
      if (bridge.isPresent()) {
        return bridge;
      }
    }
    return node.internalIp(family);
  }
}
