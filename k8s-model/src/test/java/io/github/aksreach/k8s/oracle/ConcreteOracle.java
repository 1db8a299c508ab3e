package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.NetworkPolicySource;
import io.github.aksreach.nsg.model.NoHealthyBackendsBehavior;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.netpol.NetworkPolicyDecision;
import io.github.aksreach.k8s.netpol.NetworkPolicyEvaluator;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxOptions;
import io.github.aksreach.nsg.eval.AddressResolver;
import io.github.aksreach.nsg.eval.NsgEvaluator;
import io.github.aksreach.nsg.eval.NsgVerdict;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A deliberately simple, concrete evaluator of one flow through an AKS cluster, written from DOMAIN.md (section
 * numbers in the comments) and the model objects alone: no element graph, no solver, no classifier. One flow at a
 * time, first-match loops, and an explicit enumeration of every weighted branch (LB backends in rotation, kube-proxy
 * endpoints, NGINX upstreams) with exact fractions. It is the independent oracle the engine's assembly
 * ({@code AksGraph}) is checked against.
 *
 * <pre>{@code
 * ConcreteOracle o = new ConcreteOracle(AksNetwork.assemble(scenario, AksOptions.defaults()));
 * OracleAnswer a = o.check(Flow.tcp("203.0.113.7:40000", "20.1.1.1:80"));
 * a.kind();                 // ALWAYS | SOMETIMES | NEVER
 * a.deliveredFraction();    // exact
 * }</pre>
 *
 * <p>Reused evaluators, each a plain concrete one: {@link NsgEvaluator#linear()} (first match by priority, subnet then
 * NIC inbound, NIC then subnet outbound, section 1.2), {@link NetworkPolicyEvaluator} (section 6), the NGINX router,
 * access policy and client-address rules (section 5). Model facts read as they are: the LB rules and managed NSG rules
 * cloud-provider-azure derives ({@code net.loadBalancing()}, section 3), the NSGs a node meets
 * ({@code net.nsgPath}), the ingress controllers found.
 */
public final class ConcreteOracle {
  static final String NSG = "NSG";
  static final String LB = "LOAD_BALANCER";
  static final String KUBE_PROXY = "KUBE_PROXY";
  static final String NO_ROUTE = "NO_ROUTE";
  static final String POD = "POD";
  static final String NETWORK_POLICY = "NETWORK_POLICY";
  static final String INGRESS = "INGRESS";

  /** Source of Azure LB health probes (section 1.3, 2.1); the port is arbitrary. */
  static final IpAddress PROBE_SOURCE = IpAddress.of("168.63.129.16");
  static final int PROBE_SOURCE_PORT = 55555;

  /** How the flow reached kube-proxy's external chain (section 4.1). */
  enum Mode { FROM_OUTSIDE, FROM_LOCAL_POD, FROM_HOST }

  final AksNetwork net;
  final KubernetesCluster k8s;
  final AksOptions options;
  private final NsgEvaluator nsgs;
  private final NsgEvaluator secureByDefault;
  private final Map<String, Health> health = new HashMap<>();
  /** The tag and ASG resolver of each subnet's VNet (section 1.3), made once. */
  private final Map<String, AddressResolver> resolvers = new HashMap<>();
  private final Map<String, IngressNginxRouter> routers = new HashMap<>();

  /** A backend's state from its probe (section 2.1). */
  enum Health { UP, DOWN, FLAPPING }

  public ConcreteOracle(AksNetwork net) {
    this.net = net;
    this.k8s = net.kubernetes();
    this.options = net.options();
    this.nsgs = NsgEvaluator.of(net.azure(), options.nsg()).linear();
    this.secureByDefault = NsgEvaluator.of(net.azure(), options.nsg().withSecureByDefault(true)).linear();
  }

  /** The weighted leaves of {@code flow}; its HTTP host and path, if any, are followed through ingress-nginx. */
  public OracleAnswer check(Flow flow) {
    OracleL7 l7 = flow.host().isPresent() || flow.path().isPresent()
        ? OracleL7.http(flow.host(), flow.path().orElse("/")) : OracleL7.NONE;
    Walk w = new Walk(this, l7);
    w.client(Step.start(flow));
    return new OracleAnswer(w.out);
  }

  /**
   * Whether {@code n} takes new flows of {@code rule}: UP, or FLAPPING (when FLAPPING backends carry traffic), from
   * tracing the rule's probe concretely on the node; every backend when health is transient (section 2.1).
   */
  boolean inRotation(LbRuleSpec rule, Node n) {
    if (options.transientHealth()) {
      return true;
    }
    Health h = health(rule, n);
    return h == Health.UP || (h == Health.FLAPPING && options.flappingCarriesTraffic());
  }

  /**
   * The probe of {@code rule} sent from 168.63.129.16 to the node's address and the probe port (section 2.1: target =
   * backend NIC IP : probe port), through the node's inbound NSGs and whatever answers there; UP when every branch is
   * answered, DOWN when none, FLAPPING otherwise. A rule without a probe keeps every member (section 2.1, UNVERIFIED).
   */
  Health health(LbRuleSpec rule, Node n) {
    if (rule.probe().isEmpty()) {
      return Health.UP;
    }
    Probe p = rule.probe().get();
    IpFamily family = rule.frontendIp().family();
    Optional<IpAddress> ip = n.internalIps().stream().filter(a -> a.family() == family).findFirst();
    if (ip.isEmpty()) {
      return Health.UP;
    }
    String key = n.name() + "|" + ip.get() + "|" + p.protocol() + "|" + p.port() + "|" + p.requestPath();
    Health known = health.get(key);
    if (known != null) {
      return known;
    }
    OracleL7 l7 = p.protocol() == ProbeProtocol.TCP ? OracleL7.NONE
        : OracleL7.probe(p.requestPath().orElse("/"));
    Walk w = new Walk(this, l7);
    Flow f = Flow.of(Protocol.TCP, PROBE_SOURCE, PROBE_SOURCE_PORT, ip.get(), p.port());
    w.nodeInbound(Step.start(f).then("probe " + p.describe() + " of " + n.name()), n, false, s -> w.kubeProxy(s, n));
    OracleAnswer a = new OracleAnswer(w.out);
    Health h = a.deliveredFraction().isOne() ? Health.UP : a.deliveredFraction().isZero() ? Health.DOWN
        : Health.FLAPPING;
    health.put(key, h);
    return h;
  }

  // ------------------------------------------------------------------------------------------ model look-ups

  /**
   * Whether a source is on the Internet (issue 12): outside the VNets, their subnets and peered spaces, the ranges of
   * {@code network.routedIntoVnet} (default: the private ranges), 168.63.129.16, and every node and scheduled live
   * pod address.
   */
  boolean fromInternet(IpAddress ip) {
    if (ip.equals(IpAddress.of("168.63.129.16"))) {
      return false;
    }
    for (io.github.aksreach.core.model.IpPrefix p : net.scenario().config().routedIntoVnetOrDefault()) {
      if (p.contains(ip)) {
        return false;
      }
    }
    for (io.github.aksreach.nsg.model.VirtualNetwork v : net.azure().vnets()) {
      if (v.addressSpace().contains(ip) || v.peeredPrefixes().stream().anyMatch(p -> p.contains(ip))
          || v.subnets().stream().anyMatch(sn -> sn.addresses().contains(ip))) {
        return false;
      }
    }
    if (isNodeAddress(ip)) {
      return false;
    }
    for (Pod p : k8s.pods()) {
      if (p.isLive() && !p.hostNetwork() && p.nodeName().isPresent() && p.podIps().contains(ip)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code ip} is the frontend of a load-balancing rule of a public (not internal) load balancer. */
  boolean publicFrontend(IpAddress ip) {
    return net.loadBalancing().rules().stream().anyMatch(r -> !r.internal() && r.frontendIp().equals(ip));
  }

  /** Every node's live pods with addresses of their own (hostNetwork pods share the node's). */
  List<Pod> livePods(Node n) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : k8s.podsOnNode(n.name())) {
      if (!p.hostNetwork() && p.isLive() && !p.podIps().isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The live pod of a dumped node that owns {@code ip} (not a node address), with its node. */
  Optional<Map.Entry<Pod, Node>> podSource(IpAddress ip) {
    if (isNodeAddress(ip)) {
      return Optional.empty();
    }
    for (Node n : k8s.nodes()) {
      for (Pod p : livePods(n)) {
        if (p.podIps().contains(ip)) {
          return Optional.of(Map.entry(p, n));
        }
      }
    }
    return Optional.empty();
  }

  Optional<Node> nodeSource(IpAddress ip) {
    for (Node n : k8s.nodes()) {
      if (n.internalIps().contains(ip)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  boolean isNodeAddress(IpAddress ip) {
    return nodeSource(ip).isPresent();
  }

  /** Whether {@code ip} is the node's or one of its live pods'. */
  boolean onNode(Node n, IpAddress ip) {
    if (n.internalIps().contains(ip)) {
      return true;
    }
    for (Pod p : livePods(n)) {
      if (p.podIps().contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the flow is for a Service virtual address and port kube-proxy intercepts: a ClusterIP or LB IP. */
  boolean toServiceAddress(Flow f) {
    for (Service svc : k8s.services()) {
      for (ServicePort sp : svc.ports()) {
        if (sp.protocol() == f.protocol() && sp.port() == f.dstPort()
            && ((!svc.headless() && svc.clusterIps().contains(f.dstIp()))
                || (svc.isLoadBalancer() && svc.frontendIps().contains(f.dstIp())))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Endpoints kube-proxy uses: Ready ones, else serving and terminating ones (section 4.2). */
  static List<ServiceEndpoint> usable(List<ServiceEndpoint> eps) {
    List<ServiceEndpoint> ready = new ArrayList<>();
    List<ServiceEndpoint> terminating = new ArrayList<>();
    for (ServiceEndpoint e : eps) {
      if (e.ready()) {
        ready.add(e);
      } else if (e.serving() && e.terminating()) {
        terminating.add(e);
      }
    }
    return ready.isEmpty() ? terminating : ready;
  }

  Optional<Pod> podOf(ServiceEndpoint e) {
    return e.targetRef().flatMap(ref -> k8s.pod(ref.namespace(), ref.name())).or(() -> k8s.podByIp(e.address()));
  }

  /**
   * The source a local endpoint sees after kube-proxy's MASQUERADE on {@code n} (section 4.4): kubenet, the cbr0
   * bridge (first address of the node's pod CIDR); Azure CNI, the node's primary IP (UNVERIFIED, an option).
   */
  IpAddress sameNodeSnat(Node n, IpFamily family, IpAddress fallback) {
    if (net.networkPlugin() == NetworkPlugin.KUBENET || !options.sameNodeSnatIsNodeIpOnAzureCni()) {
      Optional<IpAddress> bridge = n.bridgeAddress(family);
      if (bridge.isPresent()) {
        return bridge.get();
      }
    }
    return n.internalIp(family).orElse(fallback);
  }

  boolean preSnatPolicy() {
    return net.scenario().config().networkPolicySeesSourceOrDefault() == NetworkPolicySource.PRE_SNAT;
  }

  /** The rule's resolved probe behaviour (scenario.yaml, then the dumped probe, then AllProbedDown). */
  boolean allProbedUp(LbRuleSpec rule) {
    return rule.noHealthyBackendsBehavior() == NoHealthyBackendsBehavior.ALL_PROBED_UP;
  }

  /** The NSG verdict of {@code path} for {@code f} (section 1.2), secure by default on request (section 2.6). */
  boolean nsgAllows(NsgPath path, Direction d, Flow f, boolean secure) {
    AddressResolver r = resolvers.computeIfAbsent(path.subnet().map(x -> x.id().toString()).orElse("-"),
        k -> net.resolver(path.subnet()));
    NsgVerdict v = (secure ? secureByDefault : nsgs).evaluate(path, r, d, f);
    return v.allowed();
  }

  NetworkPolicyDecision ingress(Flow seen, Pod pod) {
    return NetworkPolicyEvaluator.decideIngress(k8s, seen.srcIp(), pod, seen.protocol(), seen.dstPort(),
        options.networkPolicy());
  }

  NetworkPolicyDecision egress(Flow seen, Pod pod) {
    return NetworkPolicyEvaluator.decideEgress(k8s, pod, seen.dstIp(), seen.protocol(), seen.dstPort(),
        options.networkPolicy());
  }

  /** The client NICs of the Azure dump that are not node NICs (section 1.2: their own outbound NSGs). */
  List<NetworkInterface> clientNics() {
    List<NetworkInterface> out = new ArrayList<>();
    for (NetworkInterface nic : net.azure().nics()) {
      IpSet ips = nic.privateIps();
      if (!ips.isEmpty() && k8s.nodes().stream().flatMap(n -> n.internalIps().stream()).noneMatch(ips::contains)) {
        out.add(nic);
      }
    }
    return out;
  }

  List<Subnet> subnets() {
    List<Subnet> out = new ArrayList<>();
    for (VirtualNetwork v : net.azure().vnets()) {
      out.addAll(v.subnets());
    }
    return out;
  }

  /** The NGINX router of a controller: its Ingresses and ConfigMap (section 5), made once. */
  IngressNginxRouter router(IngressNginxController c) {
    return routers.computeIfAbsent(c.key(), k -> IngressNginxRouter.of(k8s, c, c.config(k8s),
        NginxOptions.defaults()));
  }

  /** A drop status, when there is one. */
  static OptionalInt status(int s) {
    return s > 0 ? OptionalInt.of(s) : OptionalInt.empty();
  }
}
