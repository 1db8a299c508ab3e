package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementGraph;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.k8s.azure.AzureRouting;
import io.github.aksreach.k8s.azure.LoadBalancerHops;
import io.github.aksreach.k8s.azure.NsgChains;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cni.PodDelivery;
import io.github.aksreach.k8s.cni.PodRouting;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.HealthView;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.kubeproxy.KubeProxyHops;
import io.github.aksreach.k8s.l7.FrontDoor;
import io.github.aksreach.k8s.l7.gateway.GatewayFrontDoor;
import io.github.aksreach.k8s.l7.nginx.NginxFrontDoor;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.netpol.NetworkPolicyClassifiers;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.PodRef;
import io.github.aksreach.k8s.trace.RoutingOrigin;
import io.github.aksreach.nsg.eval.NsgHopKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The end-to-end reachability graph of an AKS cluster for one layer-7 context: a small assembler that wires the hop
 * families (Azure routing, NSG chains and load balancers; kube-proxy; the network plugin's routes and pod delivery;
 * NetworkPolicy; the L7 front doors: ingress-nginx, Istio Gateways, Application Gateway for Containers) and builds each element from its typed key the first time the solver asks, so
 * the cost follows the paths a question takes.
 *
 * <pre>{@code
 * AksGraph g = new AksGraph(net, HealthView.allUp(), L7.http("demoapi.eyskens.corp", "/weatherforecast"));
 * PathTree t = PathSolver.solve(g, AksKey.CLIENT, flow, SolveOptions.defaults());
 * }</pre>
 *
 * <p>The path of a client flow: {@link AksKey#CLIENT} (the client's own outbound NSGs, when it sits in a modelled NIC
 * or subnet) -> {@link AksKey#DISPATCH} (LB frontend and rule, a node or a pod address; else NO_ROUTE) -> the LB
 * rule's fork over backends in rotation -> the node's inbound NSGs (subnet, then NIC) -> kube-proxy on the node
 * (firewall chain, Cluster or Local, SNAT and DNAT, fork over endpoints) -> between nodes, the source node's outbound
 * and the destination node's inbound NSGs -> NetworkPolicy at the pod -> the pod: delivered, or for an L7 front door's
 * pod with an HTTP request, its access rules and routing -> the backend pods, again through NSGs and NetworkPolicy.
 * A client inside the cluster (a pod's or a node's address) sending to a Service address never reaches the Azure LB:
 * kube-proxy on its own node serves it (DOMAIN.md 4.1, 4.4; {@link InClusterSources}).
 */
public final class AksGraph implements ElementGraph, Hops {
  /** The entry of client flows. */
  public static final ElementKey CLIENT = AksKey.CLIENT;
  /** The entry of client flows from sources that are neither a node nor a pod of the cluster. */
  public static final ElementKey CLIENT_OUTSIDE = AksKey.CLIENT_OUTSIDE;

  private final AksNetwork net;
  private final L7 l7;
  private final Map<ElementKey, Element> elements = new ConcurrentHashMap<>();
  private final SharedChains shared;
  private final NsgChains chains;
  private final AzureRouting routing;
  private final LoadBalancerHops loadBalancers;
  private final KubeProxyHops kubeProxy;
  private final PodRouting podRouting;
  private final PodDelivery delivery;
  private final List<FrontDoor> frontDoors;
  private final io.github.aksreach.k8s.l7.gateway.AgcFrontDoor agc;
  private final InClusterSources inCluster;
  private NetworkPolicyClassifiers.Factory netpol;

  /**
   * A kind of in-cluster source and where its flows to Service addresses enter the graph.
   *
   * <pre>{@code
   * for (AksGraph.SourceEntry e : graph.inClusterEntries()) {
   *   PathSolver.solve(graph, e.entry(), query.intersection(graph.serviceAddressSpace()));
   * }
   * }</pre>
   *
   * @param sources the node or pod addresses of one class of equivalent nodes (pods also by the NetworkPolicies that
   *     isolate them for egress)
   * @param entry the element their flows to Service addresses take first
   * @param other the element their flows to any other destination take first: leaving their node (on the node, or
   *     through its outbound NSGs), for pods isolated for egress after their egress rules
   * @param label what the sources are, for explanations
   */
  public record SourceEntry(IpSet sources, ElementKey entry, ElementKey other, String label) {}

  public AksGraph(AksNetwork net, HealthView health, L7 l7) {
    this(net, health, l7, null);
  }

  /** A graph that takes kube-proxy's chains on each node from {@code shared} (null: builds its own). */
  AksGraph(AksNetwork net, HealthView health, L7 l7, SharedChains shared) {
    this.net = net;
    this.l7 = l7;
    this.shared = shared;
    this.chains = new NsgChains(net);
    this.routing = new AzureRouting(net, this, chains);
    this.loadBalancers = new LoadBalancerHops(net, chains, health);
    this.kubeProxy = new KubeProxyHops(net, this);
    this.podRouting = new PodRouting(net, this);
    this.frontDoors = List.of(new NginxFrontDoor(net), new GatewayFrontDoor(net));
    this.agc = new io.github.aksreach.k8s.l7.gateway.AgcFrontDoor(net, this, chains::subnetNsg, health);
    this.delivery = new PodDelivery(net, this, frontDoors);
    this.inCluster = new InClusterSources(net, this);
  }

  @Override
  public AksNetwork network() {
    return net;
  }

  @Override
  public L7 l7() {
    return l7;
  }

  /** The entry of flows arriving at {@code node}'s NIC from the network (its inbound NSGs, then kube-proxy). */
  public ElementKey nodeEntry(Node node) {
    return nodeIn(node, new AksKey.Host(node.name()));
  }

  @Override
  public Optional<Element> element(ElementKey key) {
    Element e = elements.get(key);
    return Optional.of(e != null ? e : made(key));
  }

  @Override
  public Element hop(ElementKey key) {
    return element(key).orElseThrow();
  }

  /** Makes the element on first use (built elements are read without the lock). */
  private synchronized Element made(ElementKey key) {
    Element e = elements.get(key);
    if (e == null) {
      e = shared != null && SharedChains.holds(key) ? shared.take(key, this::build) : build(key);
      elements.put(key, e);
    }
    return e;
  }

  @Override
  public void register(Element e) {
    elements.putIfAbsent(e.key(), e);
  }

  private Element build(ElementKey key) {
    if (key instanceof NsgHopKey) {
      return chains.hop((NsgHopKey) key);
    }
    if (key instanceof AksKey.Client) {
      return client((AksKey.Client) key);
    }
    if (key instanceof AksKey.Dispatch) {
      List<Classifier.Rule> rules = agc.dispatchRulesThen(routing.internetRules());
      rules.addAll(routing.frontendRules());
      // a rule per node after the frontends': made for the first flow (or space) that passes the frontends' rules
      return Classifier.of(key, RoutingOrigin.of(RoutingOrigin.Step.AZURE), rules, podRouting::addressRules,
          Outcome.drop(AksHopKind.NO_ROUTE,
              "no load-balancer rule, node or pod serves this destination address, port and protocol"));
    }
    if (key instanceof AksKey.InClusterSources) {
      return inCluster.element((AksKey.InClusterSources) key);
    }
    if (key instanceof AksKey.Leave) {
      return routing.leave((AksKey.Leave) key);
    }
    if (key instanceof AksKey.LbRule) {
      return loadBalancers.rule((AksKey.LbRule) key);
    }
    if (key instanceof AksKey.Host) {
      return kubeProxy.host((AksKey.Host) key);
    }
    if (key instanceof AksKey.InCluster) {
      return kubeProxy.inCluster((AksKey.InCluster) key);
    }
    if (key instanceof AksKey.Firewall) {
      return kubeProxy.firewall((AksKey.Firewall) key);
    }
    if (key instanceof AksKey.External) {
      return kubeProxy.external((AksKey.External) key);
    }
    if (key instanceof AksKey.HealthCheck) {
      return kubeProxy.healthCheck((AksKey.HealthCheck) key);
    }
    if (key instanceof AksKey.Healthz) {
      return kubeProxy.healthz((AksKey.Healthz) key);
    }
    if (key instanceof AksKey.Masquerade) {
      return kubeProxy.masquerade((AksKey.Masquerade) key);
    }
    if (PodDelivery.owns(key)) {
      return delivery.element(key);
    }
    if (key instanceof AksKey.Upstreams) {
      AksKey.Upstreams u = (AksKey.Upstreams) key;
      Pod proxy = pod(u.pod());
      return frontDoors.stream().filter(f -> f.proxies(proxy)).findFirst().orElseThrow()
          .upstreams(u, proxy, this);
    }
    if (key instanceof AksKey.Egress) {
      return egress((AksKey.Egress) key);
    }
    return agc.element(key); // Application Gateway for Containers' keys, else "no element"
  }

  /** The client's entry: in-cluster sources first (when short-circuited), then clients in modelled NICs and subnets. */
  private Element client(AksKey.Client key) {
    List<Classifier.Rule> rules = new ArrayList<>();
    if (key.inCluster()) {
      rules.addAll(inCluster.clientRules());
    }
    rules.addAll(routing.clientRules());
    return Classifier.of(key, RoutingOrigin.of(RoutingOrigin.Step.CLIENT), rules,
        Outcome.next(AksKey.DISPATCH, "client outside modelled subnets"));
  }

  /** A pod's NetworkPolicy egress rules (its group's, when it stands for one). */
  private Element egress(AksKey.Egress key) {
    if (netpol == null) {
      netpol = NetworkPolicyClassifiers.factory(net.kubernetes(), net.options().networkPolicy());
    }
    List<Pod> group = inCluster.egressGroup(key.pod());
    return group.isEmpty() ? netpol.egress(pod(key.pod()), key, key.target())
        : netpol.egressOfGroup(group, key, key.target());
  }

  @Override
  public ElementKey nodeIn(Node node, ElementKey target) {
    return chains.nodeIn(node, target);
  }

  @Override
  public ElementKey nodeOut(Node node, ElementKey target) {
    return chains.nodeOut(node, target);
  }

  @Override
  public ElementKey egressOf(Pod pod, ElementKey target) {
    AksKey.Egress key = new AksKey.Egress(PodRef.of(pod), target);
    hop(key); // made now: a group's representative gets its group's rules when the entries name it first
    return key;
  }

  @Override
  public ElementKey leaveOf(Node node) {
    return routing.leaveOf(node);
  }

  @Override
  public synchronized Optional<Pod> egressPod(AksKey.Mode mode) {
    if (mode.egressPod().isPresent()) {
      inCluster.entries(); // the pod's egress group
    }
    return mode.egressPod().map(this::pod);
  }

  @Override
  public Pod pod(PodRef ref) {
    return net.kubernetes().pod(ref.namespace(), ref.name())
        .orElseThrow(() -> new IllegalStateException("no pod " + ref));
  }

  @Override
  public Node node(String name) {
    return net.node(name).orElseThrow(() -> new IllegalStateException("no node " + name));
  }

  /** Every address of a node or a live pod of the cluster: the sources {@link #CLIENT} short-circuits. */
  public IpSet inClusterAddresses() {
    return net.clusterAddresses();
  }

  /** The flows {@link #CLIENT} short-circuits when their source is in the cluster: to a Service address and port. */
  public synchronized FlowSpace serviceAddressSpace() {
    return inCluster.serviceAddressSpace();
  }

  /**
   * Where in-cluster sources enter, per class of equivalent nodes. The sets are disjoint and make up {@link
   * #inClusterAddresses()}; a flow of {@link #serviceAddressSpace()} from one of them takes the same paths from
   * {@link #CLIENT} as from its {@code entry}, any other flow the same as from its {@code other}.
   */
  public synchronized List<SourceEntry> inClusterEntries() {
    return inCluster.entries();
  }
}
