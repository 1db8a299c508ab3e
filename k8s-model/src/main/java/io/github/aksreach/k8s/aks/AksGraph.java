package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.match.SymbolicEncoder;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementGraph;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Rewrite;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.netpol.NetworkPolicyClassifiers;
import io.github.aksreach.k8s.nginx.IngressNginxClassifiers;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxRequest;
import io.github.aksreach.k8s.nginx.NginxRoute;
import io.github.aksreach.nsg.eval.EvalOptions;
import io.github.aksreach.nsg.eval.NsgClassifiers;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The end-to-end reachability graph of an AKS cluster for one layer-7 context, built lazily: an element is made the
 * first time the solver asks for it, so the cost follows the paths a question takes.
 *
 * <pre>{@code
 * AksGraph g = new AksGraph(net, health, L7.http("demoapi.eyskens.corp", "/weatherforecast"));
 * PathTree t = PathSolver.solve(g, AksGraph.CLIENT, flow, SolveOptions.defaults());
 * }</pre>
 *
 * <p>The path of a client flow: {@code client} (the client's own outbound NSGs, when it sits in a modelled NIC or
 * subnet) -> {@code dispatch} (LB frontend and rule, a node or a pod address; else NO_ROUTE) -> the LB rule's fork
 * over backends in rotation -> the node's inbound NSGs (subnet, then NIC) with the destination the NSG sees
 * (frontend IP and port with floating IP, node IP and backend port without) -> kube-proxy on the node (firewall chain
 * of {@code loadBalancerSourceRanges}, Cluster or Local, SNAT and DNAT, fork over endpoints) -> between nodes, the
 * source node's outbound and the destination node's inbound NSGs -> NetworkPolicy at the pod -> the pod: delivered,
 * or for an ingress-nginx pod with an HTTP request, NGINX's access rules and routing -> the backend pods, again
 * through NSGs and NetworkPolicy.
 *
 * <p>Important notes: a client inside the cluster (a pod's or a node's address) sending to a LoadBalancer IP never
 * reaches the Azure LB: kube-proxy on its node serves it with Cluster semantics (DOMAIN.md 4.1, 4.4). Under kubenet,
 * pod addresses are routed only from subnets whose route table routes the node's pod CIDR (4.5). With no NSG on the
 * node's subnet nor NIC, flows from a Standard SKU public frontend are denied (secure by default, 2.6). A client pod
 * that NetworkPolicies isolate for egress passes its egress rules (DOMAIN.md 6): for a Service address, against the
 * endpoint kube-proxy chose and before its MASQUERADE ({@code NetworkPolicyOptions#egressSeesServiceBackend}, default;
 * false: against the Service address, before kube-proxy); for any other destination, before the flow leaves the
 * pod. Pods are grouped per node class by the policies isolating them, so this adds no per-pod elements. A node's or
 * pod's own flow to any other destination stays on the node when it is for the node or one of its pods (no NSG), and
 * otherwise leaves through the node's outbound NSGs, NIC then subnet ({@code leave|<node>}).
 */
public final class AksGraph implements ElementGraph {
  /** The entry of client flows. */
  public static final String CLIENT = "client";
  /**
   * The entry of client flows from sources that are neither a node nor a pod of the cluster (or that send to no
   * Service address): {@link #CLIENT} without its in-cluster short-circuit. With {@link #inClusterEntries()} it
   * lets a question be solved per kind of source over every source address ({@code AksReachability#reach}).
   */
  public static final String CLIENT_OUTSIDE = "clientx";
  /** Where flows go after the client's own NSGs. */
  public static final String DISPATCH = "dispatch";

  public static final String KIND_LB = "LOAD_BALANCER";
  public static final String KIND_KUBE_PROXY = "KUBE_PROXY";
  public static final String KIND_NO_ROUTE = "NO_ROUTE";
  public static final String KIND_POD = "POD";
  public static final String KIND_NSG = NsgClassifiers.DROP_KIND;

  private static final String SEP = "|";
  /** Modes of kube-proxy's external chain: from the LB, from a pod of the node, from the node itself. */
  private static final String IN_CLUSTER_SOURCES = "incluster";
  /** How a node's or pod's own flow to a non-Service destination leaves its node ({@code leave|<node>}, per NSG path). */
  private static final String LEAVE = "leave";
  private static final String FROM_LB = "lb";
  private static final String FROM_POD = "pod";
  private static final String FROM_HOST = "host";
  private static final String FINAL = "@final";
  /** In a chain's mode: the pod whose egress rules apply after kube-proxy picks the endpoint ({@code pod@ns/name}). */
  private static final String EGRESS_OF = "@";
  private static final String TEMPLATE = "@tpl";

  private final AksNetwork net;
  private final HealthView health;
  private final L7 l7;
  private final Map<String, Element> elements = new ConcurrentHashMap<>();
  private final Map<String, List<Classifier>> nsgTemplates = new HashMap<>();
  private final Map<NsgPath, List<Classifier>> inboundByPath = new java.util.IdentityHashMap<>();
  private final Map<NsgPath, List<Classifier>> outboundByPath = new java.util.IdentityHashMap<>();
  /** NSG chain hops announced by {@link #nsgChain} and made on first use (guarded by this). */
  private final Map<String, PendingHop> pendingHops = new HashMap<>();
  private IpSet inClusterAddresses;
  private FlowSpace serviceAddressSpace;
  private List<SourceEntry> inClusterEntries;
  /** The nodes that leave through the same outbound NSGs, by that NSG path ({@link #leaveOf}). */
  private Map<String, List<Node>> leaveMembers;
  /** Pods isolated for egress by the same policies, per class, by their representative's key. */
  private final Map<String, List<Pod>> egressGroups = new HashMap<>();
  private NetworkPolicyClassifiers.Factory netpol;

  /** One hop of an announced NSG chain: its template, and how the template's targets are renamed. */
  private record PendingHop(Classifier template, String prefix, String finalTarget) {
    Classifier make(String id) {
      return template.retargeted(id, template.label(),
          t -> t.equals(FINAL) ? finalTarget : rename(t, prefix));
    }
  }

  /** Which LB backends carry traffic. */
  public interface HealthView {
    /** Whether {@code node} receives new flows of {@code rule}. */
    boolean inRotation(LbRuleSpec rule, Node node);

    /** Every backend in rotation (the transient view, and the view probes themselves are traced in). */
    static HealthView allUp() {
      return (r, n) -> true;
    }
  }

  public AksGraph(AksNetwork net, HealthView health, L7 l7) {
    this.net = net;
    this.health = health;
    this.l7 = l7;
  }

  public AksNetwork network() {
    return net;
  }

  /** The entry of flows arriving at {@code node}'s NIC from the network (its inbound NSGs, then kube-proxy). */
  public synchronized String nodeEntry(Node node) {
    return nodeIn(node, id("host", node.name()));
  }

  @Override
  public Optional<Element> element(String id) {
    Element e = elements.get(id);
    return Optional.of(e != null ? e : made(id));
  }

  /** Makes the element on first use (built elements are read without the lock). */
  private synchronized Element made(String id) {
    Element e = elements.get(id);
    if (e == null) {
      PendingHop h = pendingHops.get(id);
      e = h != null ? h.make(id) : nodeChainHop(id);
      if (e == null) {
        e = build(id);
      }
      elements.put(id, e);
    }
    return e;
  }

  private void register(Element e) {
    elements.putIfAbsent(e.id(), e);
  }

  private Element build(String id) {
    String[] p = id.split("\\|", -1);
    switch (p[0]) {
      case CLIENT:
        return client(true);
      case CLIENT_OUTSIDE:
        return client(false);
      case DISPATCH:
        return dispatch();
      case "lb":
        return lbRule(Integer.parseInt(p[1]));
      case "host":
        return host(node(p[1]));
      case "fw":
        return firewall(id, node(p[1]), service(p[2]), Integer.parseInt(p[3]), Protocol.valueOf(p[4]),
            id("ext", p[1], p[2], p[3], p[4]));
      case "ext":
        return external(id, node(p[1]), service(p[2]), Integer.parseInt(p[3]), Protocol.valueOf(p[4]), FROM_LB);
      case IN_CLUSTER_SOURCES:
        return inClusterSources();
      case LEAVE:
        return leave(node(p[1]));
      case "icl":
        return inCluster(node(p[1]), p[2]);
      case "fwi":
        return firewall(id, node(p[1]), service(p[2]), Integer.parseInt(p[3]), Protocol.valueOf(p[4]),
            inClusterExternal(node(p[1]), service(p[2]), p[3], p[4], p[5]));
      case "exti":
        return external(id, node(p[1]), service(p[2]), Integer.parseInt(p[3]), Protocol.valueOf(p[4]), p[5]);
      case "hc":
        return healthCheck(id, node(p[1]), service(p[2]));
      case "kpz":
        return kubeProxyHealthz(id, node(p[1]));
      case "pod":
        return podEntry(id, pod(p[1]), Integer.parseInt(p[2]), p[3]);
      case "snat":
        return Rewrite.of(id, "kube-proxy MASQUERADE to " + p[3], KIND_KUBE_PROXY,
            List.of(Assign.srcIp(IpAddress.of(p[3]))), app(pod(p[1]), Integer.parseInt(p[2])));
      case "app":
        return application(id, pod(p[1]), Integer.parseInt(p[2]));
      case "xn":
        return crossNode(id, node(p[1]), pod(p[2]), Integer.parseInt(p[3]), p[4]);
      case "up":
        return upstreams(id, pod(p[1]));
      default:
        throw new IllegalStateException("unknown element " + id);
    }
  }

  private Node node(String name) {
    return net.kubernetes().node(name).orElseThrow(() -> new IllegalStateException("no node " + name));
  }

  private Pod pod(String key) {
    int slash = key.indexOf('/');
    return net.kubernetes().pod(key.substring(0, slash), key.substring(slash + 1))
        .orElseThrow(() -> new IllegalStateException("no pod " + key));
  }

  private Service service(String key) {
    int slash = key.indexOf('/');
    return net.kubernetes().service(key.substring(0, slash), key.substring(slash + 1))
        .orElseThrow(() -> new IllegalStateException("no service " + key));
  }

  private static String id(Object... parts) {
    StringBuilder sb = new StringBuilder();
    for (Object o : parts) {
      if (sb.length() > 0) {
        sb.append(SEP);
      }
      sb.append(o);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- NSG chains

  /**
   * Announces the NSG chain of {@code path} in {@code direction} under {@code prefix}; returns its entry id. The
   * chain's classifiers are the path's compiled templates, retargeted when the solver first reaches each hop (see
   * {@link #element}), so announcing a chain costs no rule copies. An id that is already announced or built keeps
   * its first definition.
   */
  private String nsgChain(String prefix, NsgPath path, Direction direction, String finalTarget) {
    return nsgChain(prefix, path, direction, finalTarget, net.options().nsg());
  }

  private String nsgChain(String prefix, NsgPath path, Direction direction, String finalTarget, EvalOptions options) {
    List<Classifier> tpl = templates(path, direction, options);
    for (Classifier c : tpl) {
      String id = rename(c.id(), prefix);
      if (!elements.containsKey(id)) {
        pendingHops.putIfAbsent(id, new PendingHop(c, prefix, finalTarget));
      }
    }
    return rename(tpl.get(0).id(), prefix);
  }

  /** The compiled NSG templates of a path and direction (one compilation per distinct subnet, NSGs, direction). */
  private List<Classifier> templates(NsgPath path, Direction direction) {
    Map<NsgPath, List<Classifier>> byPath = direction == Direction.INBOUND ? inboundByPath : outboundByPath;
    List<Classifier> tpl = byPath.get(path);
    if (tpl == null) {
      tpl = templates(path, direction, net.options().nsg());
      byPath.put(path, tpl);
    }
    return tpl;
  }

  /** The compiled templates under explicit NSG options (e.g. secure by default for public frontends). */
  private List<Classifier> templates(NsgPath path, Direction direction, EvalOptions options) {
    String key = path.subnet().map(s -> s.id().toString()).orElse("-") + SEP
        + path.subnetNsg().map(n -> n.id().toString()).orElse("-") + SEP
        + path.nicNsg().map(n -> n.id().toString()).orElse("-") + SEP + direction + SEP + options;
    return nsgTemplates.computeIfAbsent(key, k -> NsgClassifiers.forPath(path, direction,
        net.resolver(path.subnet()), TEMPLATE, FINAL, options));
  }

  private static String rename(String templateId, String prefix) {
    return templateId.startsWith(TEMPLATE) ? prefix + templateId.substring(TEMPLATE.length()) : templateId;
  }

  /**
   * Entry of the inbound NSGs of {@code node}, continuing to {@code target}: {@code in|<node>|<target>} followed by
   * the hop's suffix ({@code /subnet-nsg/in}, ...). Nothing is registered: the hops are made from their ids on first
   * use ({@link #nodeChainHop}), so the routing element can name every node's entry at the cost of a string.
   */
  private String nodeIn(Node node, String target) {
    return id("in", node.name(), target) + templates(net.nsgPath(node), Direction.INBOUND).get(0).id()
        .substring(TEMPLATE.length());
  }

  /**
   * Entry of the inbound NSGs of {@code node} for flows from a Standard SKU public frontend: with no NSG on the
   * node's subnet or NIC they are denied, Standard load balancers and public IPs being secure by default (DOMAIN.md
   * 2.6). Internal and Basic SKU frontends use {@link #nodeIn}.
   */
  private String nodeInFromFrontend(Node node, String target, LbRuleSpec rule) {
    EvalOptions o = net.options().nsg();
    if (rule.internal() || o.secureByDefault() || basicSku()) {
      return nodeIn(node, target);
    }
    return nsgChain(id("inpub", node.name(), target), net.nsgPath(node), Direction.INBOUND, target,
        o.withSecureByDefault(true));
  }

  private boolean basicSku() {
    return CloudProviderAzure.Options.from(net.scenario()).sku() == io.github.aksreach.nsg.model.LbSku.BASIC;
  }

  /** Entry of the outbound NSGs of {@code node}, continuing to {@code target} (see {@link #nodeIn}). */
  private String nodeOut(Node node, String target) {
    return id("out", node.name(), target) + templates(net.nsgPath(node), Direction.OUTBOUND).get(0).id()
        .substring(TEMPLATE.length());
  }

  /**
   * The hop of a node's NSG chain named by {@code id} ({@code in|<node>|<target>/<position>-nsg/in} or the
   * {@code out} form), or null if {@code id} is not one. Node names hold no {@code |} or {@code /}; the hop's suffix
   * is the id's last two segments, so the target (itself an id) is what lies between.
   */
  private Element nodeChainHop(String id) {
    boolean in = id.startsWith("in" + SEP);
    if (!in && !id.startsWith("out" + SEP)) {
      return null;
    }
    int a = id.indexOf(SEP);
    int b = id.indexOf(SEP, a + 1);
    int s2 = id.lastIndexOf('/');
    int s1 = s2 < 0 ? -1 : id.lastIndexOf('/', s2 - 1);
    if (b < 0 || s1 <= b) {
      return null;
    }
    Optional<Node> node = net.kubernetes().node(id.substring(a + 1, b));
    if (node.isEmpty()) {
      return null;
    }
    String suffix = id.substring(s1);
    for (Classifier c : templates(net.nsgPath(node.get()), in ? Direction.INBOUND : Direction.OUTBOUND)) {
      if (c.id().equals(TEMPLATE + suffix)) {
        return new PendingHop(c, id.substring(0, s1), id.substring(b + 1, s1)).make(id);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- client and dispatch

  private Element client(boolean withInCluster) {
    List<Classifier.Rule> rules = new ArrayList<>();
    List<IpSet> covered = new ArrayList<>();
    // DOMAIN.md 4.1 and 4.4: a pod or a node sending to a LoadBalancer IP is short-circuited by kube-proxy on its
    // own node ("from within the cluster will always get 'Cluster' semantics"): it never reaches the Azure LB.
    // One rule catches every in-cluster source sending to a Service address; the source's node is chosen after
    // that, by a classifier over the source alone, so no rule multiplies nodes by Service addresses.
    IpSet inCluster = inClusterAddresses();
    if (withInCluster && !inCluster.isEmpty()) {
      rules.add(Classifier.Rule.of(RuleRef.of("in-cluster client to a Service address"),
          MatchExprs.and(MatchExprs.ip(Field.SRC_IP, inCluster), loadBalancerIps()),
          Outcome.next(IN_CLUSTER_SOURCES, "a node or pod to a Service address: short-circuited by kube-proxy on "
              + "its own node, never through the Azure load balancer")));
    }
    if (withInCluster) {
      for (SourceEntry e : inClusterEntries()) {
        rules.add(Classifier.Rule.of(RuleRef.of("from " + e.label()), MatchExprs.ip(Field.SRC_IP, e.sources()),
            Outcome.next(e.other(), e.label() + ": leaves its node (NetworkPolicy egress rules, where they isolate "
                + "it, then the node's outbound NSGs)")));
      }
    }
    for (NetworkInterface nic : net.azure().nics()) {
      IpSet ips = nic.privateIps();
      if (ips.isEmpty() || isNodeNic(ips)) {
        continue;
      }
      String entry = nsgChain(id("cout", nic.name()), net.azure().nsgsOnPath(nic), Direction.OUTBOUND, DISPATCH);
      rules.add(Classifier.Rule.of(RuleRef.of("client NIC " + nic.name()), MatchExprs.ip(Field.SRC_IP, ips),
          Outcome.next(entry, "client in NIC " + nic.name())));
      covered.add(ips);
    }
    for (io.github.aksreach.nsg.model.VirtualNetwork v : net.azure().vnets()) {
      for (Subnet s : v.subnets()) {
        if (s.nsgId().isEmpty()) {
          continue;
        }
        NsgPath path = new NsgPath(Optional.of(s), s.nsgId().flatMap(net.azure()::nsg), Optional.empty());
        String entry = nsgChain(id("cout", s.name()), path, Direction.OUTBOUND, DISPATCH);
        rules.add(Classifier.Rule.of(RuleRef.of("client subnet " + s.name()),
            MatchExprs.ip(Field.SRC_IP, s.addresses()), Outcome.next(entry, "client in subnet " + s.name())));
      }
    }
    return Classifier.of(withInCluster ? CLIENT : CLIENT_OUTSIDE, "client", "CLIENT", rules,
        Outcome.next(DISPATCH, "client outside modelled subnets"));
  }

  /** Every address of a node or a live pod of the cluster: the sources {@link #CLIENT} short-circuits. */
  public synchronized IpSet inClusterAddresses() {
    if (inClusterAddresses == null) {
      inClusterAddresses = net.nodeAddresses().union(allPodAddresses());
    }
    return inClusterAddresses;
  }

  /**
   * The flows {@link #CLIENT} short-circuits when their source is in the cluster: to a Service virtual address and
   * port (an LB frontend or a ClusterIP), whatever the source.
   */
  public synchronized FlowSpace serviceAddressSpace() {
    if (serviceAddressSpace == null) {
      serviceAddressSpace = SymbolicEncoder.encode(loadBalancerIps());
    }
    return serviceAddressSpace;
  }

  /**
   * Where in-cluster sources enter, per class of equivalent nodes: the sources (pods of the class's nodes, grouped by
   * the NetworkPolicies isolating them for egress, then the nodes themselves), the kube-proxy element their flows to
   * Service addresses reach, and where their other flows start. The sets are disjoint and make up
   * {@link #inClusterAddresses()}; a flow of {@link #serviceAddressSpace()} from one of them takes the same paths from
   * {@link #CLIENT} as from its {@code entry}, any other flow the same as from its {@code other}.
   */
  public synchronized List<SourceEntry> inClusterEntries() {
    if (inClusterEntries == null) {
      inClusterEntries = List.copyOf(computeInClusterEntries());
    }
    return inClusterEntries;
  }

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
  public record SourceEntry(IpSet sources, String entry, String other, String label) {}

  /**
   * Where a node's or pod's own flow to a non-Service destination starts: one element per set of outbound NSGs (NIC
   * and subnet), shared by every node that has them, so such questions cost one solve per NSG path, not per node.
   */
  private String leaveOf(Node n) {
    return id(LEAVE, leaveMembers().get(pathKey(net.nsgPath(n))).get(0).name());
  }

  /** The nodes by their outbound NSG path (first node first). */
  private Map<String, List<Node>> leaveMembers() {
    if (leaveMembers == null) {
      leaveMembers = new java.util.LinkedHashMap<>();
      for (Node m : net.kubernetes().nodes()) {
        leaveMembers.computeIfAbsent(pathKey(net.nsgPath(m)), k -> new ArrayList<>()).add(m);
      }
    }
    return leaveMembers;
  }

  private static String pathKey(NsgPath path) {
    return path.subnet().map(x -> x.id().toString()).orElse("-") + SEP
        + path.subnetNsg().map(x -> x.id().toString()).orElse("-") + SEP
        + path.nicNsg().map(x -> x.id().toString()).orElse("-");
  }

  /**
   * A node's or pod's own flow to a non-Service destination, for the nodes leaving through {@code n}'s NSGs: to its
   * own node or a pod of that node it stays on the node (the node's kube-proxy and the pod's NetworkPolicy, no NSG),
   * one rule per node, so each source keeps its own node; anything else leaves through the outbound NSGs (NIC, then
   * subnet) to the network.
   */
  private Element leave(Node n) {
    List<Node> members = leaveMembers().get(pathKey(net.nsgPath(n)));
    List<Classifier.Rule> rules = new ArrayList<>();
    for (Node m : members) {
      IpSet local = nodeAddresses(m).union(podAddresses(m));
      if (local.isEmpty()) {
        continue;
      }
      rules.add(Classifier.Rule.of(RuleRef.of("on node " + m.name()), MatchExprs.and(
          MatchExprs.ip(Field.SRC_IP, local), MatchExprs.ip(Field.DST_IP, local)),
          Outcome.next(id("host", m.name()), "to its own node " + m.name() + " or a pod of it: stays on the node")));
    }
    int others = members.size() - 1;
    return Classifier.of(id(LEAVE, n.name()), "leaving its node (as " + n.name()
        + (others > 0 ? " and " + others + " nodes like it" : "") + ")", "ROUTING", rules,
        Outcome.next(nodeOut(n, DISPATCH), "through the node's outbound NSGs"));
  }

  /** Every LoadBalancer Service's ingress IP and port, as kube-proxy's KUBE-SERVICES matches them. */
  /** Every Service virtual address and port kube-proxy intercepts: LB frontends and ClusterIPs. */
  /** Every live pod address of the cluster. */
  private IpSet allPodAddresses() {
    List<IpAddress> as = new ArrayList<>();
    for (Node n : net.kubernetes().nodes()) {
      livePods(n).forEach(p -> as.addAll(p.podIps()));
    }
    return IpSet.ofAddresses(as);
  }

  /** The live pods of a node with addresses of their own (hostNetwork pods use the node's). */
  private List<Pod> livePods(Node n) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : net.kubernetes().podsOnNode(n.name())) {
      if (!p.hostNetwork() && p.isLive()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Which node's kube-proxy handles an in-cluster client: one rule per class of equivalent nodes (same NSGs, address
   * atoms and pods: {@link NodeClasses}), the class's first node representing it, pods before the node itself.
   */
  private Element inClusterSources() {
    List<Classifier.Rule> rules = new ArrayList<>();
    for (SourceEntry e : inClusterEntries()) {
      rules.add(Classifier.Rule.of(RuleRef.of(e.label()), MatchExprs.ip(Field.SRC_IP, e.sources()),
          Outcome.next(e.entry(), e.label())));
    }
    return Classifier.of(IN_CLUSTER_SOURCES, "in-cluster client", "CLIENT", rules,
        Outcome.drop(KIND_NO_ROUTE, "source is not a node or pod of the cluster"));
  }

  private List<SourceEntry> computeInClusterEntries() {
    Map<Object, List<Node>> classes = new java.util.LinkedHashMap<>();
    java.util.function.Function<Node, NodeClasses.Key> keys = net.classes().inClusterKeys();
    for (Node n : net.kubernetes().nodes()) {
      classes.computeIfAbsent(keys.apply(n), k -> new ArrayList<>()).add(n);
    }
    boolean egress = net.enforcesNetworkPolicy();
    boolean postDnat = net.options().networkPolicy().egressSeesServiceBackend();
    List<SourceEntry> podEntries = new ArrayList<>();
    List<SourceEntry> hostEntries = new ArrayList<>();
    for (List<Node> members : classes.values()) {
      Node n = members.get(0);
      List<IpAddress> hostIps = new ArrayList<>();
      // pods by the policies isolating them for egress (none: the empty list); the class's first node comes first,
      // so a group's representative is a pod of the node that stands for the class (node classes key pod labels)
      Map<List<String>, List<Pod>> groups = new java.util.LinkedHashMap<>();
      for (Node m : members) {
        hostIps.addAll(m.internalIps());
        for (Pod p : livePods(m)) {
          List<String> sig = egress ? NetworkPolicyClassifiers.isolatingPolicies(net.kubernetes(), p,
              io.github.aksreach.k8s.model.PolicyType.EGRESS) : List.of();
          groups.computeIfAbsent(sig, k -> new ArrayList<>()).add(p);
        }
      }
      IpSet host = IpSet.ofAddresses(hostIps);
      String also = members.size() > 1 ? " (and " + (members.size() - 1) + " equivalent nodes)" : "";
      for (Map.Entry<List<String>, List<Pod>> g : groups.entrySet()) {
        IpSet pods = podIps(g.getValue()).difference(host);
        if (pods.isEmpty()) {
          continue;
        }
        if (g.getKey().isEmpty()) {
          podEntries.add(new SourceEntry(pods, id("icl", n.name(), FROM_POD), leaveOf(n),
              "pods on " + n.name() + also));
          continue;
        }
        Pod rep = g.getValue().get(0);
        // one classifier for the group, exact for each pod (its own address, its own node): see egressOfGroup
        egressGroups.put(rep.key(), g.getValue());
        String entry = postDnat ? id("icl", n.name(), FROM_POD + EGRESS_OF + rep.key())
            : egressOf(rep, id("icl", n.name(), FROM_POD));
        podEntries.add(new SourceEntry(pods, entry, egressOf(rep, leaveOf(n)),
            "pods on " + n.name() + also + " isolated for egress by " + g.getKey()));
      }
      if (!host.isEmpty()) {
        hostEntries.add(new SourceEntry(host, id("icl", n.name(), FROM_HOST), leaveOf(n),
            "node " + n.name() + also));
      }
    }
    // pods before nodes, first match: each entry keeps only the sources no earlier entry took. Addresses are
    // normally unique (one linear check says so); only a dump with shared addresses pays for the subtraction.
    List<SourceEntry> all = concat(podEntries, hostEntries);
    if (disjoint(all)) {
      return all;
    }
    List<SourceEntry> out = new ArrayList<>();
    IpSet taken = IpSet.empty();
    for (SourceEntry e : all) {
      IpSet own = e.sources().difference(taken);
      if (!own.isEmpty()) {
        out.add(new SourceEntry(own, e.entry(), e.other(), e.label()));
        taken = taken.union(own);
      }
    }
    return out;
  }

  /**
   * {@code pod}'s NetworkPolicy egress rules in front of {@code target} (registered once): how a pod's own flows
   * leave it (DOMAIN.md 6: a connection needs the source pod's egress and the destination's ingress).
   */
  private String egressOf(Pod pod, String target) {
    String eg = id("egress", pod.key(), target);
    if (!elements.containsKey(eg)) {
      if (netpol == null) {
        netpol = NetworkPolicyClassifiers.factory(net.kubernetes(), net.options().networkPolicy());
      }
      List<Pod> group = egressGroups.get(pod.key());
      register(group != null ? netpol.egressOfGroup(group, eg, target) : netpol.egress(pod, eg, target));
    }
    return eg;
  }

  /** The kube-proxy mode of an in-cluster chain ({@value #FROM_POD}, {@value #FROM_HOST}, {@value #FROM_LB}). */
  private static String baseMode(String mode) {
    int at = mode.indexOf(EGRESS_OF);
    return at < 0 ? mode : mode.substring(0, at);
  }

  /** The pod whose egress rules the chosen endpoint must pass, when the chain carries one. */
  private Optional<Pod> egressPod(String mode) {
    int at = mode.indexOf(EGRESS_OF);
    if (at < 0) {
      return Optional.empty();
    }
    inClusterEntries(); // the pod's egress group
    return Optional.of(pod(mode.substring(at + EGRESS_OF.length())));
  }

  /** Whether no address is in two entries: their ranges, sorted by first address, never overlap. */
  private static boolean disjoint(List<SourceEntry> entries) {
    List<IpAddress[]> ranges = new ArrayList<>();
    for (SourceEntry e : entries) {
      e.sources().forEachRange((first, last) -> ranges.add(new IpAddress[] {first, last}));
    }
    ranges.sort((x, y) -> x[0].compareTo(y[0]));
    for (int i = 1; i < ranges.size(); i++) {
      if (ranges.get(i)[0].compareTo(ranges.get(i - 1)[1]) <= 0) {
        return false;
      }
    }
    return true;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private MatchExpr loadBalancerIps() {
    List<MatchExpr> out = new ArrayList<>();
    for (Service svc : net.kubernetes().services()) {
      List<IpAddress> vips = new ArrayList<>(svc.headless() ? List.of() : svc.clusterIps());
      if (svc.isLoadBalancer()) {
        vips.addAll(svc.frontendIps());
      }
      for (ServicePort sp : svc.ports()) {
        for (IpAddress fe : vips) {
          out.add(MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(sp.protocol())),
              MatchExprs.ip(Field.DST_IP, IpSet.of(fe)), MatchExprs.port(Field.DST_PORT, PortSet.of(sp.port()))));
        }
      }
    }
    return MatchExprs.or(out);
  }

  private IpSet podAddresses(Node n) {
    return podIps(livePods(n));
  }

  private static IpSet podIps(List<Pod> pods) {
    List<IpAddress> as = new ArrayList<>();
    pods.forEach(p -> as.addAll(p.podIps()));
    return IpSet.ofAddresses(as);
  }

  /**
   * kube-proxy on {@code n} for a pod of the node or the node itself sending to a LoadBalancer IP: the firewall chain
   * of {@code loadBalancerSourceRanges} applies (the pod CIDR must be in the ranges), then Cluster semantics.
   */
  private Element inCluster(Node n, String mode) {
    String id = id("icl", n.name(), mode);
    List<Classifier.Rule> rules = new ArrayList<>();
    for (Service svc : net.kubernetes().services()) {
      for (ServicePort sp : svc.ports()) {
        String port = String.valueOf(sp.port());
        String proto = sp.protocol().name();
        if (!svc.headless()) {
          // KUBE-SVC: ClusterIP traffic, Cluster semantics; masqueraded only when the node itself sends
          for (IpAddress cip : svc.clusterIps()) {
            rules.add(Classifier.Rule.of(RuleRef.of("KUBE-SERVICES " + svc.key() + " " + cip + ":" + sp.port()),
                MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(sp.protocol())),
                    MatchExprs.ip(Field.DST_IP, IpSet.of(cip)), MatchExprs.port(Field.DST_PORT, PortSet.of(sp.port()))),
                Outcome.next(id("exti", n.name(), svc.key(), port, proto, mode), "ClusterIP of " + svc.key())));
          }
        }
        if (!svc.isLoadBalancer()) {
          continue;
        }
        boolean fw = !svc.loadBalancerSourceRanges().isEmpty();
        String target = fw ? id("fwi", n.name(), svc.key(), port, proto, mode)
            : inClusterExternal(n, svc, port, proto, mode);
        for (IpAddress fe : svc.frontendIps()) {
          rules.add(Classifier.Rule.of(RuleRef.of("KUBE-SERVICES " + svc.key() + " " + fe + ":" + sp.port()),
              MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(sp.protocol())),
                  MatchExprs.ip(Field.DST_IP, IpSet.of(fe)), MatchExprs.port(Field.DST_PORT, PortSet.of(sp.port()))),
              Outcome.next(target, "load-balancer IP of " + svc.key() + " from inside the cluster"
                  + (fw ? ": firewall chain (loadBalancerSourceRanges)" : ""))));
        }
      }
    }
    String who = baseMode(mode) + egressPod(mode).map(p -> " " + p.key()).orElse("");
    return Classifier.of(id, "kube-proxy on " + n.name() + " (in-cluster " + who + " client)", KIND_KUBE_PROXY,
        rules, Outcome.drop(KIND_KUBE_PROXY, "no Service virtual address (LB IP or ClusterIP) matches"));
  }

  /** The external chain an in-cluster client takes: Cluster semantics (for ETP=Local: no masquerade from pods). */
  private String inClusterExternal(Node n, Service svc, String port, String proto, String mode) {
    if (svc.externalTrafficPolicy() != TrafficPolicy.LOCAL) {
      Optional<Pod> egress = egressPod(mode);
      return egress.isEmpty() ? id("ext", n.name(), svc.key(), port, proto)
          : id("exti", n.name(), svc.key(), port, proto, FROM_LB + EGRESS_OF + egress.get().key());
    }
    return id("exti", n.name(), svc.key(), port, proto, mode);
  }

  private boolean isNodeNic(IpSet ips) {
    return ips.intersects(net.nodeAddresses());
  }

  private Element dispatch() {
    List<Classifier.Rule> rules = new ArrayList<>();
    List<LbRuleSpec> lbRules = net.loadBalancing().rules();
    for (int i = 0; i < lbRules.size(); i++) {
      LbRuleSpec r = lbRules.get(i);
      MatchExpr m = MatchExprs.and(MatchExprs.protocol(r.protocols()),
          MatchExprs.ip(Field.DST_IP, IpSet.of(r.frontendIp())),
          r.frontendPort() == 0 ? MatchExprs.TRUE : MatchExprs.port(Field.DST_PORT, PortSet.of(r.frontendPort())));
      rules.add(Classifier.Rule.of(RuleRef.of(r.loadBalancerName() + "/" + r.name()), m,
          Outcome.next(id("lb", i), "load-balancing rule " + r.name())));
    }
    io.github.aksreach.k8s.model.NetworkPlugin plugin = net.networkPlugin();
    for (Node n : net.kubernetes().nodes()) {
      IpSet addrs = nodeAddresses(n);
      IpSet pods = plugin == io.github.aksreach.k8s.model.NetworkPlugin.AZURE_OVERLAY ? IpSet.empty()
          : podAddresses(n).difference(addrs);
      String entry = nodeIn(n, id("host", n.name()));
      if (!addrs.isEmpty()) {
        rules.add(Classifier.Rule.of(RuleRef.of("node " + n.name()), MatchExprs.ip(Field.DST_IP, addrs),
            Outcome.next(entry, "routed to node " + n.name())));
      }
      if (pods.isEmpty()) {
        continue;
      }
      if (plugin == io.github.aksreach.k8s.model.NetworkPlugin.KUBENET && !net.azure().routeTables().isEmpty()) {
        // kubenet: pod addresses are outside the VNet; only subnets whose route table routes the node's pod CIDR
        // to the node reach them (DOMAIN.md 4.5)
        rules.add(Classifier.Rule.of(RuleRef.of("route to pods on " + n.name()),
            MatchExprs.and(MatchExprs.ip(Field.DST_IP, pods), MatchExprs.ip(Field.SRC_IP, kubenetRoutedSources(n))),
            Outcome.next(entry, "user-defined route to node " + n.name())));
        rules.add(Classifier.Rule.of(RuleRef.of("no route to pods on " + n.name()), MatchExprs.ip(Field.DST_IP, pods),
            Outcome.drop(KIND_NO_ROUTE, "kubenet pod address of node " + n.name() + ": only subnets whose route "
                + "table routes the node's pod CIDR to it reach it")));
      } else {
        rules.add(Classifier.Rule.of(RuleRef.of("pods on " + n.name()), MatchExprs.ip(Field.DST_IP, pods),
            Outcome.next(entry, "routed to node " + n.name())));
      }
    }
    return Classifier.of(DISPATCH, "Azure routing", "ROUTING", rules, Outcome.drop(KIND_NO_ROUTE,
        "no load-balancer rule, node or pod serves this destination address, port and protocol"));
  }

  /**
   * The sources that reach {@code n}'s kubenet pods: the addresses of every subnet whose route table has a route to
   * (part of) those pods with {@code n} as next hop, and the pods of the nodes in such subnets.
   */
  private IpSet kubenetRoutedSources(Node n) {
    IpSet pods = podAddresses(n);
    IpSet out = IpSet.empty();
    for (io.github.aksreach.nsg.model.VirtualNetwork v : net.azure().vnets()) {
      for (Subnet s : v.subnets()) {
        boolean routes = s.routeTableId().flatMap(net.azure()::routeTable).map(t -> t.routes().stream().anyMatch(r ->
            r.nextHopIp().map(n.internalIps()::contains).orElse(false)
                && r.destination() instanceof io.github.aksreach.nsg.model.AddressSpec.Prefixes
                && ((io.github.aksreach.nsg.model.AddressSpec.Prefixes) r.destination()).set().intersects(pods)))
            .orElse(false);
        if (!routes) {
          continue;
        }
        out = out.union(s.addresses());
        for (Node m : net.kubernetes().nodes()) {
          if (m.internalIps().stream().anyMatch(s.addresses()::contains)) {
            out = out.union(podAddresses(m));
          }
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- load balancer

  private Element lbRule(int i) {
    LbRuleSpec r = net.loadBalancing().rules().get(i);
    String id = id("lb", i);
    String label = "load balancer " + r.loadBalancerName() + " " + r.frontendIp() + ":" + r.frontendPort() + " (rule "
        + r.name() + ")";
    if (r.backends().isEmpty()) {
      return Classifier.of(id, label, KIND_LB, List.of(), Outcome.drop(KIND_LB, "the backend pool is empty"));
    }
    List<Node> up = new ArrayList<>();
    for (Node n : r.backends()) {
      if (health.inRotation(r, n)) {
        up.add(n);
      }
    }
    String why = "every backend is probed DOWN";
    if (up.isEmpty()) {
      boolean allProbedUp = net.scenario().config().noHealthyBackendsBehaviorOrDefault()
          == io.github.aksreach.nsg.model.NoHealthyBackendsBehavior.ALL_PROBED_UP;
      if (!allProbedUp) {
        return Classifier.of(id, label, KIND_LB, List.of(), Outcome.drop(KIND_LB, why
            + " and noHealthyBackendsBehavior is AllProbedDown: no new flows are sent"));
      }
      up = r.backends();
      why = "every backend is probed DOWN and noHealthyBackendsBehavior is AllProbedUp: sent to all";
    }
    Map<NodeClasses.Key, List<Node>> classes = new java.util.LinkedHashMap<>();
    java.util.function.Function<Node, NodeClasses.Key> keys = net.classes().keys(r.service());
    for (Node n : up) {
      classes.computeIfAbsent(keys.apply(n), k -> new ArrayList<>()).add(n);
    }
    List<Fork.Branch> branches = new ArrayList<>();
    for (List<Node> members : classes.values()) {
      Node n = members.get(0);
      List<Assign> assigns = new ArrayList<>();
      if (!r.floatingIp()) {
        n.primaryInternalIp().ifPresent(ip -> assigns.add(Assign.dstIp(ip)));
        assigns.add(Assign.dstPort(r.backendPort()));
      } else if (r.backendPort() != r.frontendPort()) {
        assigns.add(Assign.dstPort(r.backendPort()));
      }
      String entry = nodeInFromFrontend(n, id("host", n.name()), r);
      branches.add(Fork.Branch.of(Weight.of(members.size(), up.size()), entry, assigns,
          "backend " + n.name() + " (" + n.primaryInternalIp().map(Object::toString).orElse("?") + ")"
              + (members.size() > 1 ? " and " + (members.size() - 1) + " equivalent nodes" : "")
              + (up.size() < r.backends().size() ? ", " + up.size() + " of " + r.backends().size() + " in rotation"
              : "")));
    }
    return Fork.of(id, label, KIND_LB, branches);
  }

  // ---------------------------------------------------------------- kube-proxy

  private IpSet nodeAddresses(Node n) {
    return IpSet.ofAddresses(n.internalIps());
  }

  private Element host(Node n) {
    String id = id("host", n.name());
    List<Classifier.Rule> rules = new ArrayList<>();
    IpSet self = nodeAddresses(n);
    for (Service svc : net.kubernetes().services()) {
      for (ServicePort sp : svc.ports()) {
        MatchExpr proto = MatchExprs.protocol(ProtocolSet.of(sp.protocol()));
        String svcPort = svc.key() + SEP + sp.port() + SEP + sp.protocol().name();
        if (svc.isLoadBalancer()) {
          for (IpAddress fe : svc.frontendIps()) {
            boolean fw = !svc.loadBalancerSourceRanges().isEmpty();
            rules.add(Classifier.Rule.of(RuleRef.of("KUBE-SERVICES " + svc.key() + " " + fe + ":" + sp.port()),
                MatchExprs.and(proto, MatchExprs.ip(Field.DST_IP, IpSet.of(fe)),
                    MatchExprs.port(Field.DST_PORT, PortSet.of(sp.port()))),
                Outcome.next(id(fw ? "fw" : "ext", n.name(), svcPort),
                    "load-balancer IP of " + svc.key() + (fw ? ": firewall chain (loadBalancerSourceRanges)" : ""))));
          }
        }
        if (sp.nodePort().isPresent() && !self.isEmpty()) {
          rules.add(Classifier.Rule.of(RuleRef.of("KUBE-NODEPORTS " + svc.key() + " " + sp.nodePort().getAsInt()),
              MatchExprs.and(proto, MatchExprs.ip(Field.DST_IP, self),
                  MatchExprs.port(Field.DST_PORT, PortSet.of(sp.nodePort().getAsInt()))),
              Outcome.next(id("ext", n.name(), svcPort), "nodePort " + sp.nodePort().getAsInt() + " of "
                  + svc.key() + " (nodePorts are not subject to loadBalancerSourceRanges)")));
        }
      }
      if (svc.externalTrafficPolicy() == TrafficPolicy.LOCAL && svc.healthCheckNodePort().isPresent()
          && !self.isEmpty()) {
        rules.add(Classifier.Rule.of(RuleRef.of("healthCheckNodePort " + svc.key()),
            MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(Protocol.TCP)), MatchExprs.ip(Field.DST_IP, self),
                MatchExprs.port(Field.DST_PORT, PortSet.of(svc.healthCheckNodePort().getAsInt()))),
            Outcome.next(id("hc", n.name(), svc.key()), "kube-proxy health check server of " + svc.key())));
      }
    }
    if (!self.isEmpty()) {
      rules.add(Classifier.Rule.of(RuleRef.of("kube-proxy healthz"),
          MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(Protocol.TCP)), MatchExprs.ip(Field.DST_IP, self),
              MatchExprs.port(Field.DST_PORT, PortSet.of(
                  io.github.aksreach.core.model.PortRange.single(CloudProviderAzure.KUBE_PROXY_HEALTHZ_PORT),
                  io.github.aksreach.core.model.PortRange.single(CloudProviderAzure.AKS_SHARED_PROBE_PORT)))),
          Outcome.next(id("kpz", n.name()), "kube-proxy /healthz (via the AKS health-probe-proxy on 10356)")));
    }
    for (Pod pod : net.kubernetes().podsOnNode(n.name())) {
      if (pod.hostNetwork() || !pod.isLive() || pod.podIps().isEmpty()) {
        continue;
      }
      IpSet ips = IpSet.empty();
      for (IpAddress a : pod.podIps()) {
        ips = ips.union(IpSet.of(a));
      }
      // the destination port decides the pod's application element; route per declared container port
      for (io.github.aksreach.k8s.model.Container c : pod.containers()) {
        for (io.github.aksreach.k8s.model.ContainerPort cp : c.ports()) {
          rules.add(Classifier.Rule.of(RuleRef.of("pod " + pod.key() + ":" + cp.containerPort()),
              MatchExprs.and(MatchExprs.ip(Field.DST_IP, ips),
                  MatchExprs.port(Field.DST_PORT, PortSet.of(cp.containerPort()))),
              Outcome.next(id("pod", pod.key(), cp.containerPort(), "-"), "to pod " + pod.key())));
        }
      }
    }
    return Classifier.of(id, "kube-proxy on " + n.name(), KIND_KUBE_PROXY, rules, Outcome.drop(KIND_KUBE_PROXY,
        "nothing on node " + n.name() + " serves this destination (no Service port, health check or pod port)"));
  }

  private Element firewall(String id, Node n, Service svc, int port, Protocol proto, String ext) {
    IpSet ranges = IpSet.ofPrefixes(svc.loadBalancerSourceRanges());
    List<Classifier.Rule> rules = new ArrayList<>();
    rules.add(Classifier.Rule.of(RuleRef.of("KUBE-FW " + svc.loadBalancerSourceRanges()),
        MatchExprs.ip(Field.SRC_IP, ranges), Outcome.next(ext, "source in loadBalancerSourceRanges")));
    boolean nodeInRanges = n.internalIps().stream().anyMatch(ranges::contains);
    if (nodeInRanges) {
      IpSet lbIps = IpSet.empty();
      for (IpAddress a : svc.frontendIps()) {
        lbIps = lbIps.union(IpSet.of(a));
      }
      rules.add(Classifier.Rule.of(RuleRef.of("KUBE-FW LB IP"), MatchExprs.ip(Field.SRC_IP, lbIps),
          Outcome.next(ext, "source is the LB IP and a range contains the node IP")));
    }
    return Classifier.of(id, "kube-proxy firewall of " + svc.key() + " on " + n.name(), KIND_KUBE_PROXY, rules,
        Outcome.drop(KIND_KUBE_PROXY, "source not in loadBalancerSourceRanges " + svc.loadBalancerSourceRanges()
            + ": dropped by KUBE-PROXY-FIREWALL").bypassingTo(ext));
  }

  /** Endpoints kube-proxy uses: Ready ones, else serving and terminating ones (DOMAIN.md 4.2). */
  private static List<ServiceEndpoint> usable(List<ServiceEndpoint> eps) {
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

  /**
   * kube-proxy's external chain of a Service port on {@code n}. {@code mode} {@value #FROM_LB}: traffic from the LB
   * (or a nodePort), by the Service's externalTrafficPolicy; {@value #FROM_POD}: a pod of the node to the LB IP of an
   * ETP=Local Service, cluster endpoints without masquerade; {@value #FROM_HOST}: the node itself to the LB IP of an
   * ETP=Local Service, cluster endpoints with masquerade (DOMAIN.md 4.1).
   */
  private Element external(String id, Node n, Service svc, int port, Protocol proto, String mode) {
    ServicePort sp = svc.port(port, proto).orElseThrow();
    List<ServiceEndpoint> all = net.kubernetes().endpointsOf(svc, sp);
    Optional<Pod> egress = egressPod(mode);
    mode = baseMode(mode);
    boolean local = mode.equals(FROM_LB) && svc.externalTrafficPolicy() == TrafficPolicy.LOCAL;
    boolean masquerade = !local && !mode.equals(FROM_POD);
    List<ServiceEndpoint> eps;
    String label = "kube-proxy " + svc.key() + ":" + port + " on " + n.name() + " (externalTrafficPolicy "
        + svc.externalTrafficPolicy().apiName() + (egress.isPresent() ? ", in-cluster pod " + egress.get().key()
        + " client: Cluster semantics" + (masquerade ? ")" : ", no masquerade)") : mode.equals(FROM_LB) ? ")"
        : ", in-cluster " + mode + " client: Cluster semantics" + (masquerade ? ")" : ", no masquerade)"));
    if (local) {
      List<ServiceEndpoint> mine = new ArrayList<>();
      for (ServiceEndpoint e : all) {
        if (e.nodeName().map(n.name()::equals).orElse(false)) {
          mine.add(e);
        }
      }
      eps = usable(mine);
      if (eps.isEmpty()) {
        return Classifier.of(id, label, KIND_KUBE_PROXY, List.of(), Outcome.drop(KIND_KUBE_PROXY,
            "externalTrafficPolicy Local and no local endpoint on " + n.name()
                + ": dropped (\"has no local endpoints\")"));
      }
    } else {
      eps = usable(all);
      if (eps.isEmpty()) {
        return Classifier.of(id, label, KIND_KUBE_PROXY, List.of(), Outcome.drop(KIND_KUBE_PROXY,
            "Service has no endpoints: rejected (\"has no endpoints\", connection refused)"));
      }
    }
    List<Fork.Branch> branches = new ArrayList<>();
    Weight w = Weight.of(1, eps.size());
    for (ServiceEndpoint e : eps) {
      Optional<Pod> pod = e.targetRef().flatMap(ref -> net.kubernetes().pod(ref.namespace(), ref.name()))
          .or(() -> net.kubernetes().podByIp(e.address()));
      List<Assign> assigns = new ArrayList<>();
      assigns.add(Assign.dstIp(e.address()));
      assigns.add(Assign.dstPort(e.port()));
      boolean sameNode = e.nodeName().map(n.name()::equals).orElse(false);
      String decision = "endpoint " + e.address() + ":" + e.port() + pod.map(p -> " (" + p.key() + ")").orElse("");
      String target;
      if (pod.isEmpty()) {
        target = id("app-ext", e.address(), e.port());
        register(Sink.of(target, "endpoint " + e.address() + ":" + e.port(), KIND_POD));
      } else if (local) {
        target = id("pod", pod.get().key(), e.port(), "-");
        decision += ", local, no SNAT";
      } else if (!masquerade) {
        target = sameNode ? id("pod", pod.get().key(), e.port(), "-")
            : id("xn", n.name(), pod.get().key(), e.port(), "-");
        decision += (sameNode ? ", local" : " on " + e.nodeName().orElse("?")) + ", no SNAT (pod source)";
      } else if (sameNode) {
        IpAddress snat = net.sameNodeSnat(n, e.address().family()).orElse(e.address());
        boolean preSnat = net.scenario().config().networkPolicySeesSourceOrDefault()
            == io.github.aksreach.k8s.model.NetworkPolicySource.PRE_SNAT;
        if (preSnat) {
          target = id("pod", pod.get().key(), e.port(), snat);
        } else {
          assigns.add(Assign.srcIp(snat));
          target = id("pod", pod.get().key(), e.port(), "-");
        }
        decision += ", local, MASQUERADE to " + snat;
      } else {
        IpAddress snat = n.internalIp(e.address().family()).orElse(e.address());
        assigns.add(Assign.srcIp(snat));
        target = id("xn", n.name(), pod.get().key(), e.port(), "-");
        decision += " on " + e.nodeName().orElse("?") + ", MASQUERADE to " + snat;
      }
      if (egress.isPresent()) {
        // the client pod's egress rules see the endpoint (after DNAT) and the pod's own address: kube-proxy's
        // MASQUERADE is in POSTROUTING, after filtering
        List<Assign> masq = assigns.stream().filter(a -> a.field() == Field.SRC_IP).toList();
        if (!masq.isEmpty()) {
          assigns.removeAll(masq);
          IpAddress to = IpAddress.ofKey(masq.get(0).hi(), masq.get(0).lo());
          String rw = id("masq", to, target);
          if (!elements.containsKey(rw)) {
            register(Rewrite.of(rw, "kube-proxy MASQUERADE to " + to, KIND_KUBE_PROXY, masq, target));
          }
          target = rw;
        }
        target = egressOf(egress.get(), target);
      }
      branches.add(Fork.Branch.of(w, target, assigns, decision));
    }
    return Fork.of(id, label, KIND_KUBE_PROXY, branches);
  }

  private Element healthCheck(String id, Node n, Service svc) {
    int local = 0;
    for (ServicePort sp : svc.ports()) {
      java.util.Set<IpAddress> ips = new java.util.HashSet<>();
      for (ServiceEndpoint e : net.kubernetes().endpointsOf(svc, sp)) {
        if (e.ready() && e.nodeName().map(n.name()::equals).orElse(false)) {
          ips.add(e.address());
        }
      }
      local = Math.max(local, ips.size());
    }
    String label = "kube-proxy health check " + svc.key() + " on " + n.name();
    if (local > 0) {
      return Sink.of(id, label + ": 200 {\"localEndpoints\": " + local + "}", KIND_KUBE_PROXY);
    }
    return Classifier.of(id, label, KIND_KUBE_PROXY, List.of(), Outcome.drop(KIND_KUBE_PROXY,
        "health check answers 503 {\"localEndpoints\": 0}").withStatus(503));
  }

  private Element kubeProxyHealthz(String id, Node n) {
    String label = "kube-proxy /healthz on " + n.name();
    if (n.toBeDeletedByClusterAutoscaler() || n.deleting()) {
      return Classifier.of(id, label, KIND_KUBE_PROXY, List.of(), Outcome.drop(KIND_KUBE_PROXY,
          "node is not eligible (being deleted): 503").withStatus(503));
    }
    return Sink.of(id, label + ": 200", KIND_KUBE_PROXY);
  }

  // ---------------------------------------------------------------- between nodes, pods, NGINX

  private Element crossNode(String id, Node from, Pod pod, int port, String snat) {
    Optional<Node> toNode = pod.nodeName().flatMap(net.kubernetes()::node);
    if (toNode.isEmpty()) {
      return Classifier.of(id, "route " + from.name() + " -> " + pod.nodeName().orElse("(no node)"), "ROUTING",
          List.of(), Outcome.drop(KIND_NO_ROUTE, noNode(pod)));
    }
    Node to = toNode.get();
    String podEntry = id("pod", pod.key(), port, snat);
    if (to.name().equals(from.name())) {
      return relabel(element(podEntry).orElseThrow(), id);
    }
    String in = nodeIn(to, podEntry);
    String out = nodeOut(from, in);
    return Classifier.of(id, "route " + from.name() + " -> " + to.name(), "ROUTING", List.of(),
        Outcome.next(out, "to " + pod.key() + " on " + to.name()));
  }

  /** Why a pod whose node the dump lacks cannot be reached (the dump is inconsistent, e.g. taken at two times). */
  private static String noNode(Pod pod) {
    return "pod " + pod.key() + " runs on node " + pod.nodeName().orElse("(none)")
        + ", which is not in the dump (kubectl get nodes): no route to it can be derived";
  }

  private String app(Pod pod, int port) {
    return id("app", pod.key(), port);
  }

  private Element podEntry(String id, Pod pod, int port, String snat) {
    String next = snat.equals("-") ? app(pod, port) : id("snat", pod.key(), port, snat);
    if (!net.enforcesNetworkPolicy()) {
      if (snat.equals("-")) {
        return relabel(element(next).orElseThrow(), id);
      }
      return element(next).map(e -> relabel(e, id)).orElseThrow();
    }
    return NetworkPolicyClassifiers.ingress(net.kubernetes(), pod, id, next, net.options().networkPolicy());
  }

  /** The same element under another id (the graph keeps the shortest path of hops in traces). */
  private static Element relabel(Element e, String id) {
    if (e instanceof Sink) {
      return Sink.of(id, e.label(), e.kind());
    }
    if (e instanceof Rewrite) {
      Rewrite r = (Rewrite) e;
      return Rewrite.of(id, r.label(), r.kind(), r.assigns(), r.target());
    }
    if (e instanceof Fork) {
      Fork f = (Fork) e;
      return Fork.of(id, f.label(), f.kind(), f.branches());
    }
    Classifier c = (Classifier) e;
    return c.retargeted(id, c.label(), t -> t);
  }

  private Element application(String id, Pod pod, int port) {
    String label = pod.key() + " " + pod.podIps().stream().findFirst().map(Object::toString).orElse("?") + ":" + port;
    Optional<IngressNginxController> ctl = net.controllerOf(pod);
    if (ctl.isEmpty() || !l7.http()) {
      if (l7.probe() && ctl.isEmpty() && !net.options().httpProbeToPlainPodSucceeds()) {
        return Classifier.of(id, label, KIND_POD, List.of(), Outcome.drop(KIND_POD,
            "HTTP probe to a plain pod: its answer is unknown (option httpProbeToPlainPodSucceeds is off)"));
      }
      return Sink.of(id, label, KIND_POD);
    }
    IngressNginxRouter router = net.router(ctl.get());
    NginxRoute route = router.route(l7.host(), l7.path());
    String nginx = "ingress-nginx " + pod.key();
    if (route instanceof NginxRoute.Healthz) {
      String ok = id("app-ok", pod.key(), port);
      register(Sink.of(ok, label + " (/healthz 200)", KIND_POD));
      return IngressNginxClassifiers.forRoute(id, nginx, route, router.config(),
          NginxRequest.of(l7.host().orElse(null), l7.path()), ok);
    }
    String target = id("up", pod.key());
    return IngressNginxClassifiers.forRoute(id, nginx, route, router.config(),
        NginxRequest.of(l7.host().orElse(null), l7.path()), target);
  }

  private Element upstreams(String id, Pod nginxPod) {
    IngressNginxController ctl = net.controllerOf(nginxPod).orElseThrow();
    IngressNginxRouter router = net.router(ctl);
    NginxRoute route = router.route(l7.host(), l7.path());
    String label = "ingress-nginx " + nginxPod.key() + " upstreams";
    if (!(route instanceof NginxRoute.Backend)) {
      return Classifier.of(id, label, IngressNginxClassifiers.ELEMENT_KIND, List.of(),
          Outcome.drop(IngressNginxClassifiers.DROP_KIND, route.describe()).withStatus(404));
    }
    List<IngressNginxRouter.Upstream> ups = router.upstreams((NginxRoute.Backend) route);
    if (ups.isEmpty()) {
      return Classifier.of(id, label, IngressNginxClassifiers.ELEMENT_KIND, List.of(),
          Outcome.drop(IngressNginxClassifiers.DROP_KIND, "no upstream endpoint for " + route.describe() + ": 503")
              .withStatus(503));
    }
    Optional<Node> fromNode = nginxPod.nodeName().flatMap(net.kubernetes()::node);
    if (fromNode.isEmpty() || nginxPod.podIps().isEmpty()) {
      return Classifier.of(id, label, IngressNginxClassifiers.ELEMENT_KIND, List.of(),
          Outcome.drop(KIND_NO_ROUTE, fromNode.isEmpty() ? noNode(nginxPod) : "pod " + nginxPod.key()
              + " has no address in the dump"));
    }
    Node from = fromNode.get();
    IpAddress src = nginxPod.podIps().get(0);
    List<Fork.Branch> branches = new ArrayList<>();
    Weight w = Weight.of(1, ups.size());
    for (IngressNginxRouter.Upstream u : ups) {
      Optional<Pod> pod = u.endpoint().flatMap(e -> e.targetRef())
          .flatMap(ref -> net.kubernetes().pod(ref.namespace(), ref.name()))
          .or(() -> net.kubernetes().podByIp(u.address()));
      List<Assign> assigns = List.of(Assign.srcIp(src), Assign.dstIp(u.address()), Assign.dstPort(u.port()));
      String target;
      if (pod.isEmpty()) {
        target = id("app-ext", u.address(), u.port());
        register(Sink.of(target, "upstream " + u.address() + ":" + u.port(), KIND_POD));
      } else {
        target = id("xn", from.name(), pod.get().key(), u.port(), "-");
      }
      if (net.enforcesNetworkPolicy()) {
        target = egressOf(nginxPod, target);
      }
      branches.add(Fork.Branch.of(w, target, assigns, "proxy to " + u.address() + ":" + u.port()
          + pod.map(p -> " (" + p.key() + ")").orElse("") + " from " + src));
    }
    return Fork.of(id, label, IngressNginxClassifiers.ELEMENT_KIND, branches);
  }
}
