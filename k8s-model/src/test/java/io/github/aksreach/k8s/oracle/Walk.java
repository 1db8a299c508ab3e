package io.github.aksreach.k8s.oracle;

import static io.github.aksreach.k8s.oracle.ConcreteOracle.INGRESS;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.KUBE_PROXY;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.LB;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.NETWORK_POLICY;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.NO_ROUTE;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.NSG;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.POD;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.netpol.NetworkPolicyDecision;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxAccessDecision;
import io.github.aksreach.k8s.nginx.NginxClientAddress;
import io.github.aksreach.k8s.nginx.NginxRequest;
import io.github.aksreach.k8s.nginx.NginxRoute;
import io.github.aksreach.k8s.nginx.NginxSslRedirect;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.Route;
import io.github.aksreach.nsg.model.RouteTable;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One walk of the oracle: a flow (or a probe) followed hop by hop, every branch enumerated, the leaves collected in
 * {@link #out}. Section numbers are DOMAIN.md's.
 *
 * <pre>{@code
 * Walk w = new Walk(oracle, OracleL7.NONE);
 * w.client(Step.start(flow));
 * new OracleAnswer(w.out);
 * }</pre>
 */
final class Walk {
  private final ConcreteOracle o;
  private final OracleL7 l7;
  final List<OracleLeaf> out = new ArrayList<>();
  /** Whether the pod being entered is reached on a port no container declares (delivered, no application). */
  private boolean undeclared;

  private final GatewayLegs gateways;

  Walk(ConcreteOracle o, OracleL7 l7) {
    this.o = o;
    this.l7 = l7;
    this.gateways = new GatewayLegs(this, o, l7);
  }

  void deliver(Step s, String what) {
    out.add(new OracleLeaf(s.weight(), true, s.seen(), "", OptionalInt.empty(), s.then(what).trail()));
  }

  void drop(Step s, String kind, OptionalInt status, String why) {
    out.add(new OracleLeaf(s.weight(), false, s.seen(), kind, status, s.then("DROP " + kind + ": " + why).trail()));
  }

  void drop(Step s, String kind, String why) {
    drop(s, kind, OptionalInt.empty(), why);
  }

  private Flow f(Step s) {
    return s.seen();
  }

  // ------------------------------------------------------------------------------------------ the client

  /**
   * Where a client's flow starts. A node or pod of the cluster sending to a Service address (LB IP or ClusterIP) is
   * served by kube-proxy on its own node and never reaches the Azure LB (sections 4.1, 4.4: "from within the cluster
   * will always get 'Cluster' semantics"); its other flows leave its node. Any other client first passes its own
   * outbound NSGs: its NIC's (then its subnet's), else its subnet's, else none (section 1.2).
   */
  void client(Step s) {
    IpAddress src = f(s).srcIp();
    Optional<Map.Entry<Pod, Node>> pod = o.podSource(src);
    Optional<Node> node = pod.map(Map.Entry::getValue).or(() -> o.nodeSource(src));
    if (node.isPresent()) {
      Optional<Pod> p = pod.map(Map.Entry::getKey);
      if (o.toServiceAddress(f(s))) {
        inClusterToService(s.then("in-cluster client to a Service address"), p, node.get());
      } else {
        leave(s.then("in-cluster client leaves " + node.get().name()), p, node.get());
      }
      return;
    }
    for (NetworkInterface nic : o.clientNics()) {
      if (nic.privateIps().contains(src)) {
        NsgPath path = o.net.azure().nsgsOnPath(nic);
        if (!o.nsgAllows(path, Direction.OUTBOUND, f(s), false)) {
          drop(s, NSG, "client NIC " + nic.name() + " outbound NSGs deny");
          return;
        }
        dispatch(s.then("client NIC " + nic.name() + " outbound NSGs allow"));
        return;
      }
    }
    for (Subnet sub : o.subnets()) {
      Optional<NetworkSecurityGroup> nsg = sub.nsgId().flatMap(o.net.azure()::nsg);
      if (sub.nsgId().isPresent() && sub.addresses().contains(src)) {
        NsgPath path = new NsgPath(Optional.of(sub), nsg, Optional.empty());
        if (!o.nsgAllows(path, Direction.OUTBOUND, f(s), false)) {
          drop(s, NSG, "client subnet " + sub.name() + " outbound NSG denies");
          return;
        }
        dispatch(s.then("client subnet " + sub.name() + " outbound NSG allows"));
        return;
      }
    }
    dispatch(s.then("client outside modelled subnets"));
  }

  /**
   * An in-cluster client to a Service address, at kube-proxy on its node (section 4.1): ClusterIP to the internal
   * chain; LB IP to the firewall chain when loadBalancerSourceRanges is set, then the external chain with Cluster
   * semantics (masquerade, all endpoints) unless ETP=Local, where a local pod goes to the cluster chain unmasqueraded
   * and the node itself masqueraded. A pod isolated for egress passes its egress rules (section 6), against the
   * chosen endpoint by default (option egressSeesServiceBackend) or the Service address.
   */
  private void inClusterToService(Step s, Optional<Pod> pod, Node n) {
    boolean enforce = o.net.enforcesNetworkPolicy();
    boolean postDnat = o.options.networkPolicy().egressSeesServiceBackend();
    if (pod.isPresent() && enforce && !postDnat) {
      NetworkPolicyDecision d = o.egress(f(s), pod.get());
      if (!d.allowed()) {
        drop(s, NETWORK_POLICY, "egress of " + pod.get().key() + ": " + d.reason());
        return;
      }
    }
    Optional<Pod> egressLater = enforce && postDnat ? pod : Optional.empty();
    ConcreteOracle.Mode mode = pod.isPresent() ? ConcreteOracle.Mode.FROM_LOCAL_POD : ConcreteOracle.Mode.FROM_HOST;
    for (Service svc : o.k8s.services()) {
      for (ServicePort sp : svc.ports()) {
        if (sp.protocol() != f(s).protocol() || sp.port() != f(s).dstPort()) {
          continue;
        }
        if (!svc.headless() && svc.clusterIps().contains(f(s).dstIp())) {
          external(s.then("KUBE-SERVICES ClusterIP of " + svc.key()), n, svc, sp, mode, egressLater, true);
          return;
        }
        if (svc.isLoadBalancer() && svc.frontendIps().contains(f(s).dstIp())) {
          if (!firewall(s, n, svc)) {
            return;
          }
          ConcreteOracle.Mode m = svc.externalTrafficPolicy() == TrafficPolicy.LOCAL ? mode
              : ConcreteOracle.Mode.FROM_OUTSIDE;
          external(s.then("KUBE-SERVICES LB IP of " + svc.key() + " from inside the cluster"), n, svc, sp, m,
              egressLater, false);
          return;
        }
      }
    }
    drop(s, KUBE_PROXY, "no Service virtual address matches");
  }

  /**
   * A node's or pod's flow to anything but a Service address: a pod isolated for egress passes its egress rules
   * (section 6); a flow for the node itself or one of its pods stays on the node (no NSG); anything else leaves
   * through the node's outbound NSGs, NIC then subnet (section 1.2), to Azure routing.
   */
  private void leave(Step s, Optional<Pod> pod, Node n) {
    if (pod.isPresent() && o.net.enforcesNetworkPolicy()) {
      NetworkPolicyDecision d = o.egress(f(s), pod.get());
      if (!d.allowed()) {
        drop(s, NETWORK_POLICY, "egress of " + pod.get().key() + ": " + d.reason());
        return;
      }
    }
    if (o.onNode(n, f(s).dstIp())) {
      kubeProxy(s.then("to its own node " + n.name() + ": stays on the node"), n);
      return;
    }
    nodeOutbound(s, n, this::dispatch);
  }

  // ------------------------------------------------------------------------------------------ Azure routing

  /**
   * Azure routing, first match: an AGC frontend ({@link GatewayLegs#agcFrontend}), an LB rule (frontend IP, protocol, port; port 0 = HA ports, section 2.3), a node's
   * address, a pod's address (not under Overlay: "Endpoints outside the cluster can't connect to a pod directly";
   * under kubenet only from subnets whose route table sends the pod CIDR to the node, section 4.5); else NO_ROUTE.
   */
  void dispatch(Step s) {
    Flow fl = f(s);
    if (gateways.agcFrontend(s)) {
      return;
    }
    if (o.fromInternet(fl.srcIp()) && !o.publicFrontend(fl.dstIp())) {
      drop(s, NO_ROUTE, "an Internet source reaches public frontends only (issue 12)");
      return;
    }
    for (LbRuleSpec r : o.net.loadBalancing().rules()) {
      if (r.protocols().contains(fl.protocol()) && r.frontendIp().equals(fl.dstIp())
          && (r.frontendPort() == 0 || r.frontendPort() == fl.dstPort())) {
        lbRule(s.then("LB rule " + r.name()), r);
        return;
      }
    }
    NetworkPlugin plugin = o.net.networkPlugin();
    for (Node n : o.k8s.nodes()) {
      if (n.internalIps().contains(fl.dstIp())) {
        nodeInbound(s.then("routed to node " + n.name()), n, false, x -> kubeProxy(x, n));
        return;
      }
      if (plugin == NetworkPlugin.AZURE_OVERLAY) {
        continue;
      }
      boolean podOfNode = o.livePods(n).stream().anyMatch(p -> p.podIps().contains(fl.dstIp()));
      if (!podOfNode) {
        continue;
      }
      if (plugin == NetworkPlugin.KUBENET && !o.net.azure().routeTables().isEmpty() && !kubenetRouted(fl, n)) {
        drop(s, NO_ROUTE, "kubenet pod address of " + n.name() + ": the source's subnet has no route to it");
        return;
      }
      nodeInbound(s.then("routed to pods on " + n.name()), n, false, x -> kubeProxy(x, n));
      return;
    }
    for (Pod p : o.k8s.pods()) {
      if (p.isLive() && !p.hostNetwork() && p.podIps().contains(fl.dstIp()) && p.nodeName().isPresent()
          && o.k8s.node(p.nodeName().get()).isEmpty()) {
        // a pod whose node the dump lacks: Azure CNI routes its VNet address anyway; other plugins' routes are the
        // node's and unknown
        if (plugin != NetworkPlugin.AZURE) {
          drop(s, NO_ROUTE, "pod " + p.key() + " on a node the dump lacks, under " + plugin);
          return;
        }
        Node absent = o.net.node(p.nodeName().get()).orElseThrow();
        nodeInbound(s.then("routed to pods on the absent node " + absent.name()), absent, false,
            x -> kubeProxy(x, absent));
        return;
      }
    }
    drop(s, NO_ROUTE, "no LB rule, node or pod serves this destination");
  }

  /**
   * Whether a kubenet pod address of {@code n} is routed from the flow's source: the source's subnet (its own, or
   * its node's for a pod) has a route table with a route whose destination covers the pod address and whose next
   * hop is {@code n} (section 4.5: "one route per node pod CIDR").
   */
  private boolean kubenetRouted(Flow fl, Node n) {
    IpAddress from = fl.srcIp();
    Optional<Map.Entry<Pod, Node>> pod = o.podSource(from);
    if (pod.isPresent()) {
      from = pod.get().getValue().primaryInternalIp().orElse(from);
    }
    for (Subnet sub : o.subnets()) {
      if (!sub.addresses().contains(from)) {
        continue;
      }
      Optional<RouteTable> rt = sub.routeTableId().flatMap(o.net.azure()::routeTable);
      if (rt.isEmpty()) {
        return false;
      }
      for (Route r : rt.get().routes()) {
        if (r.destination() instanceof AddressSpec.Prefixes p && p.set().contains(fl.dstIp())
            && r.nextHopIp().map(n.internalIps()::contains).orElse(false)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------ load balancer

  /**
   * An LB rule: one branch per backend in rotation, each with weight 1/|in rotation| (section 2.2: a hash spreads new
   * flows over healthy members). None in rotation: AllProbedDown drops, AllProbedUp sends to all (section 2.1). With
   * floating IP the NSG and kube-proxy see the frontend IP and port; without, the node's IP and the backend port
   * (sections 1.6, 2.3). A Standard public frontend is denied when the node has no NSG at all (section 2.6).
   */
  private void lbRule(Step s, LbRuleSpec r) {
    if (r.backends().isEmpty()) {
      drop(s, LB, "the backend pool is empty");
      return;
    }
    List<Node> up = new ArrayList<>();
    for (Node n : r.backends()) {
      if (o.inRotation(r, n)) {
        up.add(n);
      }
    }
    if (up.isEmpty()) {
      if (!o.allProbedUp(r)) {
        drop(s, LB, "every backend probed DOWN, noHealthyBackendsBehavior AllProbedDown");
        return;
      }
      up = r.backends();
    }
    boolean secure = r.secureByDefault();
    Fraction w = Fraction.of(1, up.size());
    for (Node n : up) {
      Step b = s.fork(w, "backend " + n.name());
      if (!r.floatingIp()) {
        Optional<IpAddress> ip = n.primaryInternalIp();
        b = b.dst(ip.orElse(f(b).dstIp()), r.rule().backendPortFor(f(b).dstPort()));
      } else if (r.backendPort() != r.frontendPort()) {
        b = b.dst(f(b).dstIp(), r.rule().backendPortFor(f(b).dstPort()));
      }
      nodeInbound(b, n, secure, x -> kubeProxy(x, n));
    }
  }

  /** The node's inbound NSGs, subnet then NIC (section 1.2). */
  void nodeInbound(Step s, Node n, boolean secureByDefault, Consumer<Step> then) {
    if (!o.nsgAllows(o.net.nsgPath(n), Direction.INBOUND, f(s), secureByDefault)) {
      drop(s, NSG, "inbound NSGs of " + n.name() + " deny");
      return;
    }
    then.accept(s.then("inbound NSGs of " + n.name() + " allow"));
  }

  /** The node's outbound NSGs, NIC then subnet (section 1.2). */
  private void nodeOutbound(Step s, Node n, Consumer<Step> then) {
    if (!o.nsgAllows(o.net.nsgPath(n), Direction.OUTBOUND, f(s), false)) {
      drop(s, NSG, "outbound NSGs of " + n.name() + " deny");
      return;
    }
    then.accept(s.then("outbound NSGs of " + n.name() + " allow"));
  }

  // ------------------------------------------------------------------------------------------ kube-proxy

  /**
   * kube-proxy and the host on {@code n} for a packet arriving at the node (section 4.1), first match: an LB IP and
   * Service port (firewall chain if loadBalancerSourceRanges, then the external chain), a nodePort on the node's
   * address (not subject to the firewall), the healthCheckNodePort of an ETP=Local Service, kube-proxy's /healthz
   * (10256, and 10356 via AKS's health-probe-proxy, section 3.2), a pod's address (any port), a hostNetwork pod's
   * declared port or a container's hostPort on the node's address ({@link #hostPort}); else dropped.
   */
  void kubeProxy(Step s, Node n) {
    Flow fl = f(s);
    boolean self = n.internalIps().contains(fl.dstIp());
    for (Service svc : o.k8s.services()) {
      for (ServicePort sp : svc.ports()) {
        if (sp.protocol() != fl.protocol()) {
          continue;
        }
        if (svc.isLoadBalancer() && svc.frontendIps().contains(fl.dstIp()) && sp.port() == fl.dstPort()) {
          if (firewall(s, n, svc)) {
            external(s.then("KUBE-SERVICES LB IP of " + svc.key()), n, svc, sp, ConcreteOracle.Mode.FROM_OUTSIDE,
                Optional.empty(), false);
          }
          return;
        }
        if (self && sp.nodePort().isPresent() && sp.nodePort().getAsInt() == fl.dstPort()) {
          external(s.then("KUBE-NODEPORTS " + svc.key()), n, svc, sp, nodePortMode(fl, n, svc), Optional.empty(),
              false);
          return;
        }
      }
      if (self && svc.externalTrafficPolicy() == TrafficPolicy.LOCAL && svc.healthCheckNodePort().isPresent()
          && fl.protocol() == Protocol.TCP && svc.healthCheckNodePort().getAsInt() == fl.dstPort()) {
        healthCheck(s, n, svc);
        return;
      }
    }
    if (self && fl.protocol() == Protocol.TCP && (fl.dstPort() == CloudProviderAzure.KUBE_PROXY_HEALTHZ_PORT
        || fl.dstPort() == CloudProviderAzure.AKS_SHARED_PROBE_PORT)) {
      if (n.toBeDeletedByClusterAutoscaler() || n.deleting()) {
        drop(s, KUBE_PROXY, OptionalInt.of(503), "kube-proxy /healthz: node not eligible (section 4.3)");
      } else {
        deliver(s, "kube-proxy /healthz on " + n.name() + ": 200");
      }
      return;
    }
    for (Pod p : o.livePods(n)) {
      if (!p.podIps().contains(fl.dstIp())) {
        continue;
      }
      for (Container c : p.containers()) {
        for (ContainerPort cp : c.ports()) {
          if (cp.containerPort() == fl.dstPort() && cp.protocol() == fl.protocol()) {
            podEntry(s.then("to pod " + p.key()), p, Optional.empty());
            return;
          }
        }
      }
      if (fl.protocol() == Protocol.TCP || fl.protocol() == Protocol.UDP || fl.protocol() == Protocol.SCTP) {
        // containerPort is informational: the network delivers any port; no application proxies an undeclared one
        undeclared = true;
        podEntry(s.then("to pod " + p.key() + ", undeclared port"), p, Optional.empty());
        undeclared = false;
        return;
      }
    }
    for (Pod p : o.k8s.podsOnNode(n.name())) {
      if (!self || !p.isLive() || p.podIps().isEmpty()) {
        continue;
      }
      for (Container c : p.containers()) {
        for (ContainerPort cp : c.ports()) {
          if (p.hostNetwork() && cp.containerPort() == fl.dstPort() && cp.protocol() == fl.protocol()) {
            app(s.then("to hostNetwork pod " + p.key()), p);
            return;
          }
          if (!p.hostNetwork() && o.options.hostPort().served() && cp.hostPort().isPresent()
              && cp.hostPort().getAsInt() == fl.dstPort() && cp.protocol() == fl.protocol()
              && p.podIps().stream().anyMatch(a -> a.family() == fl.dstIp().family())) {
            hostPort(s, n, p, cp);
            return;
          }
        }
      }
    }
    drop(s, KUBE_PROXY, "nothing on " + n.name() + " serves this destination");
  }

  /**
   * A container's hostPort on its node's address, by the CNI's portmap plugin (not kube-proxy; issue 12): only the
   * declared (hostPort, protocol), only on the pod's own node (the caller matched those, in the node's pod order, and
   * that the pod has an address of the flow's family), DNAT to the pod's address of the node address's family
   * and the container port; the client's source kept, or the node's address when the option says portmap
   * masquerades ({@code HostPortOptions.keepsClientSource}, UNVERIFIED); then the pod's NetworkPolicy and application
   * as for any flow to the pod. Served only when the option says the CNI chains portmap ({@code served}).
   */
  private void hostPort(Step s, Node n, Pod p, ContainerPort cp) {
    IpAddress dst = f(s).dstIp();
    IpAddress podIp = p.podIps().stream().filter(a -> a.family() == dst.family()).findFirst().orElseThrow();
    Step b = s.then("CNI portmap hostPort " + cp.hostPort().getAsInt() + "/" + cp.protocol() + " of " + p.key())
        .dst(podIp, cp.containerPort());
    if (!o.options.hostPort().keepsClientSource()) {
      b = b.src(n.internalIp(dst.family()).orElse(f(s).srcIp()));
    }
    podEntry(b, p, Optional.empty());
  }

  /**
   * Which external-chain semantics a nodePort packet gets (section 4.1, KUBE-EXT for ETP=Local): from a pod of this
   * node, the cluster chain without masquerade (the local-traffic detector); from the node itself (src-type LOCAL),
   * masquerade and the cluster chain; anything else, the Service's externalTrafficPolicy.
   */
  private ConcreteOracle.Mode nodePortMode(Flow fl, Node n, Service svc) {
    if (svc.externalTrafficPolicy() != TrafficPolicy.LOCAL) {
      return ConcreteOracle.Mode.FROM_OUTSIDE;
    }
    if (n.internalIps().contains(fl.srcIp())) {
      return ConcreteOracle.Mode.FROM_HOST;
    }
    Optional<Map.Entry<Pod, Node>> pod = o.podSource(fl.srcIp());
    if (pod.isPresent() && pod.get().getValue().name().equals(n.name())) {
      return ConcreteOracle.Mode.FROM_LOCAL_POD;
    }
    return ConcreteOracle.Mode.FROM_OUTSIDE;
  }

  /**
   * The firewall chain KUBE-FW (section 4.1): with loadBalancerSourceRanges, only sources in a range pass (and the LB
   * IP itself when a range holds the node's IP); the rest is dropped. Returns whether the flow passes.
   */
  private boolean firewall(Step s, Node n, Service svc) {
    if (svc.loadBalancerSourceRanges().isEmpty()) {
      return true;
    }
    IpSet ranges = IpSet.ofPrefixes(svc.loadBalancerSourceRanges());
    if (ranges.contains(f(s).srcIp())) {
      return true;
    }
    if (n.internalIps().stream().anyMatch(ranges::contains) && svc.frontendIps().contains(f(s).srcIp())) {
      return true;
    }
    drop(s, KUBE_PROXY, "source not in loadBalancerSourceRanges (KUBE-PROXY-FIREWALL)");
    return false;
  }

  /**
   * kube-proxy's chain for a Service port on {@code n} (sections 4.1, 4.2, 4.4). From outside with ETP=Local: the
   * node's own usable endpoints, no SNAT, none = DROP. Otherwise all usable endpoints (ClusterIP with
   * internalTrafficPolicy Local: the node's own), none = REJECT; masquerade unless a local pod sent it (Cluster ETP
   * from outside always masquerades). DNAT to each endpoint, weight 1/|endpoints|. A masqueraded flow to an endpoint
   * on this node shows the node's SNAT address (kubenet: cbr0), to another node this node's IP. A client pod isolated
   * for egress passes its egress rules against the endpoint, before the masquerade (POSTROUTING).
   */
  private void external(Step s, Node n, Service svc, ServicePort sp, ConcreteOracle.Mode mode,
                        Optional<Pod> egressPod, boolean clusterIp) {
    List<ServiceEndpoint> all = o.k8s.endpointsOf(svc, sp);
    boolean localOnly = (mode == ConcreteOracle.Mode.FROM_OUTSIDE && !clusterIp
        && svc.externalTrafficPolicy() == TrafficPolicy.LOCAL)
        || (clusterIp && svc.internalTrafficPolicy() == TrafficPolicy.LOCAL);
    boolean masquerade = mode == ConcreteOracle.Mode.FROM_HOST
        || (mode == ConcreteOracle.Mode.FROM_OUTSIDE && !localOnly);
    List<ServiceEndpoint> eps;
    if (localOnly) {
      List<ServiceEndpoint> mine = new ArrayList<>();
      for (ServiceEndpoint e : all) {
        if (e.nodeName().map(n.name()::equals).orElse(false)) {
          mine.add(e);
        }
      }
      eps = ConcreteOracle.usable(mine);
      if (eps.isEmpty()) {
        drop(s, KUBE_PROXY, "no local endpoint on " + n.name() + " (\"has no local endpoints\")");
        return;
      }
    } else {
      eps = ConcreteOracle.usable(all);
      if (eps.isEmpty()) {
        drop(s, KUBE_PROXY, "no endpoints (\"has no endpoints\": REJECT)");
        return;
      }
    }
    Fraction w = Fraction.of(1, eps.size());
    for (ServiceEndpoint e : eps) {
      Optional<Pod> pod = o.podOf(e);
      boolean sameNode = e.nodeName().map(n.name()::equals).orElse(false);
      Step b = s.fork(w, "endpoint " + e.address() + ":" + e.port()).dst(e.address(), e.port());
      if (egressPod.isPresent()) {
        NetworkPolicyDecision d = o.egress(f(b), egressPod.get());
        if (!d.allowed()) {
          drop(b, NETWORK_POLICY, "egress of " + egressPod.get().key() + ": " + d.reason());
          continue;
        }
      }
      Optional<IpAddress> snat = Optional.empty();
      if (masquerade) {
        snat = Optional.of(sameNode ? o.sameNodeSnat(n, e.address().family(), e.address())
            : n.internalIp(e.address().family()).orElse(e.address()));
      }
      if (pod.isEmpty()) {
        deliver(snat.map(b::src).orElse(b), "endpoint " + e.address() + " (no pod in the dump)");
        continue;
      }
      if (sameNode) {
        boolean policyBeforeSnat = snat.isPresent() && o.preSnatPolicy();
        podEntry(policyBeforeSnat ? b : snat.map(b::src).orElse(b), pod.get(),
            policyBeforeSnat ? snat : Optional.empty());
      } else {
        crossNode(snat.map(b::src).orElse(b), n, pod.get());
      }
    }
  }

  /**
   * The health-check server of an ETP=Local Service (section 4.3): 200 iff the node has a Ready local endpoint (any
   * of the Service's ports), else 503.
   */
  private void healthCheck(Step s, Node n, Service svc) {
    Set<IpAddress> ready = new HashSet<>();
    for (ServicePort sp : svc.ports()) {
      for (ServiceEndpoint e : o.k8s.endpointsOf(svc, sp)) {
        if (e.ready() && e.nodeName().map(n.name()::equals).orElse(false)) {
          ready.add(e.address());
        }
      }
    }
    if (ready.isEmpty()) {
      drop(s, KUBE_PROXY, OptionalInt.of(503), "health check of " + svc.key() + " on " + n.name() + ": 503");
    } else {
      deliver(s, "health check of " + svc.key() + " on " + n.name() + ": 200");
    }
  }

  // ------------------------------------------------------------------------------------------ pods

  /** From node {@code from} to {@code pod}: its node's, then, between nodes, from's outbound and to's inbound NSGs. */
  void crossNode(Step s, Node from, Pod pod) {
    Optional<Node> to = pod.nodeName().flatMap(o.k8s::node)
        .or(() -> o.net.networkPlugin() == NetworkPlugin.AZURE ? pod.nodeName().flatMap(o.net::node)
            : Optional.empty());
    if (to.isEmpty()) {
      drop(s, NO_ROUTE, "pod " + pod.key() + " runs on a node the dump lacks");
      return;
    }
    if (to.get().name().equals(from.name())) {
      podEntry(s, pod, Optional.empty());
      return;
    }
    nodeOutbound(s, from, x -> nodeInbound(x, to.get(), false, y -> podEntry(y, pod, Optional.empty())));
  }

  /**
   * At the pod: NetworkPolicy ingress when a policy engine enforces (section 6), over the source as the engine sees
   * it ({@code snatAfter}: the masquerade applied after the policy, option networkPolicySeesSource pre-snat).
   */
  void podEntry(Step s, Pod pod, Optional<IpAddress> snatAfter) {
    if (o.net.enforcesNetworkPolicy()) {
      NetworkPolicyDecision d = o.ingress(f(s), pod);
      if (!d.allowed()) {
        drop(s, NETWORK_POLICY, "ingress of " + pod.key() + ": " + d.reason());
        return;
      }
    }
    Step at = snatAfter.map(s::src).orElse(s);
    app(at, pod);
  }

  /**
   * The application in the pod: delivered, unless the flow is an HTTP request to an Istio gateway pod (DOMAIN-GATEWAY
   * 7, {@link GatewayLegs#istio}) or to an ingress-nginx pod (section 5): PROXY protocol expected and not sent closes the connection; the location's deny/allow lists decide on the
   * client address NGINX checks (403; invalid list 503); no Ingress path 404; /healthz 200; else proxied to an
   * upstream. An HTTP probe to a plain pod is answered only under option httpProbeToPlainPodSucceeds (UNVERIFIED).
   */
  private void app(Step s, Pod pod) {
    if (undeclared) {
      deliver(s, "pod " + pod.key() + ": delivered; no container declares this port");
      return;
    }
    Optional<IngressNginxController> ctl = o.net.controllerOf(pod);
    if (ctl.isEmpty() && l7.http() && o.net.gatewayOf(pod).isPresent()) {
      gateways.istio(s, pod, o.net.gatewayOf(pod).get());
      return;
    }
    if (ctl.isEmpty() || !l7.http()) {
      if (l7.probe() && ctl.isEmpty() && !o.options.httpProbeToPlainPodSucceeds()) {
        drop(s, POD, "HTTP probe to a plain pod: answer unknown");
        return;
      }
      deliver(s, "pod " + pod.key());
      return;
    }
    IngressNginxRouter router = o.router(ctl.get());
    NginxRequest req = NginxRequest.of(l7.host().orElse(null), l7.path());
    if (NginxClientAddress.brokenByProxyProtocol(router.config(), req)) {
      drop(s, INGRESS, "use-proxy-protocol without a PROXY header: broken header");
      return;
    }
    NginxRoute route = router.route(l7.host(), l7.path());
    // ssl-redirect / force-ssl-redirect: a return of the rewrite phase, before the access phase's lists
    Optional<NginxSslRedirect.Redirect> redirect = NginxSslRedirect.of(router, route, l7.host().orElse(""), l7.path(),
        f(s).dstPort() == router.controller().httpsPort(), Optional.empty());
    if (redirect.isPresent()) {
      drop(s, INGRESS, OptionalInt.of(redirect.get().status()), "redirect " + redirect.get());
      return;
    }
    NginxClientAddress client = NginxClientAddress.resolve(router.config(), f(s).srcIp(), req);
    NginxAccessDecision d = route.access().decide(client.address().orElseThrow());
    if (!d.allowed()) {
      drop(s, INGRESS, ConcreteOracle.status(d.status()), d.reason());
      return;
    }
    if (route instanceof NginxRoute.NotFound) {
      drop(s, INGRESS, OptionalInt.of(404), route.describe());
      return;
    }
    if (route instanceof NginxRoute.Healthz) {
      deliver(s, "ingress-nginx " + pod.key() + " /healthz 200");
      return;
    }
    upstreams(s.then("ingress-nginx " + pod.key() + ": " + route.describe()), pod, router,
        (NginxRoute.Backend) route);
  }

  /**
   * NGINX proxies to the backend's endpoints, weight 1/|upstreams|, from its own pod address (section 5.2: pod to
   * pod, no SNAT), through its egress rules, the NSGs between nodes and the backend pod's ingress rules.
   */
  private void upstreams(Step s, Pod nginx, IngressNginxRouter router, NginxRoute.Backend route) {
    List<IngressNginxRouter.Upstream> ups = router.upstreams(route);
    if (ups.isEmpty()) {
      drop(s, INGRESS, OptionalInt.of(503), "no upstream endpoint");
      return;
    }
    Optional<Node> from = nginx.nodeName().flatMap(o.k8s::node);
    if (from.isEmpty() || nginx.podIps().isEmpty()) {
      drop(s, NO_ROUTE, "the NGINX pod's node or address is not in the dump");
      return;
    }
    IpAddress src = nginx.podIps().get(0);
    Fraction w = Fraction.of(1, ups.size());
    for (IngressNginxRouter.Upstream u : ups) {
      Step b = s.fork(w, "upstream " + u.address() + ":" + u.port()).src(src).dst(u.address(), u.port());
      if (o.net.enforcesNetworkPolicy()) {
        NetworkPolicyDecision d = o.egress(f(b), nginx);
        if (!d.allowed()) {
          drop(b, NETWORK_POLICY, "egress of " + nginx.key() + ": " + d.reason());
          continue;
        }
      }
      Optional<Pod> pod = u.endpoint().flatMap(ServiceEndpoint::targetRef)
          .flatMap(ref -> o.k8s.pod(ref.namespace(), ref.name())).or(() -> o.k8s.podByIp(u.address()));
      if (pod.isEmpty()) {
        deliver(b, "upstream " + u.address() + " (no pod in the dump)");
      } else {
        crossNode(b, from.get(), pod.get());
      }
    }
  }
}
