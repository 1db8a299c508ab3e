package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxAccessPolicy;
import io.github.aksreach.nsg.eval.NsgClassifiers;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.nsg.model.NsgPosition;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Equivalence classes of nodes, so that costs follow the distinct configuration and not the node count: two nodes
 * are equivalent for a Service when they sit behind the same NSGs, host the same endpoints of it, and their addresses
 * fall in the same atom of every address set any rule of the model tests (NSG rules, ingress allow and deny lists,
 * NetworkPolicy ipBlocks, loadBalancerSourceRanges). Such nodes see the same decisions on every hop, whatever address
 * kube-proxy masquerades to, so one representative answers for all of them, with the class's weight.
 *
 * <pre>{@code
 * NodeClasses classes = new NodeClasses(net);
 * classes.key(node, service);                    // equal keys: interchangeable nodes
 * Function<Node, Key> k = classes.keys(service); // the same, for many nodes (placement looked up once)
 * }</pre>
 *
 * <p>Why one representative is exact. Take two nodes {@code m} and {@code n} with equal keys for Service {@code S},
 * and a flow of {@code S}'s load-balancing rule sent to either (the LB fork and the health probes only ever send
 * such flows). On every hop the two walks meet elements built from the same configuration: the same subnet and NSGs
 * (so the same compiled NSG templates), the same kube-proxy rules for {@code S} (Service rules are cluster-wide; the
 * Local/Cluster endpoint choice depends only on {@code S}'s endpoints on the node, which are equal), the same pods
 * and NGINX and NetworkPolicy elements beyond. The only header values that differ are the node's own addresses
 * (destination without floating IP, source after kube-proxy's masquerade, the node seen by the next hop).
 * kube-proxy's rules for a node's own addresses match each node's own address alike; every other rule of the model
 * tests addresses through the sets collected here, and both addresses lie in the same atom of each set, so every
 * rule matches both or neither (their deletion state, also in the key, is equal too): each classifier decides the
 * same rule, every fork offers the
 * same branches, and the two path trees differ only in the node's name and address, never in verdicts, weights,
 * drops or deciding rules. Answers are stated in what the client sent, which the node does not change. Hence the
 * LB fork sends a class's whole weight ({@code |class| / |in rotation|}) to one member, and health traces one probe
 * per class and gives each member its representative's state (naming the representative in the reason). Nothing
 * is sampled and no node is dropped: every node is in exactly one class, and {@code health()} lists every backend.
 */
public final class NodeClasses {
  /** The key of the classifiers compiled only to read their rules' address sets. */
  private static final ElementKey ATOMS = ElementKey.named("atoms");
  private final AksNetwork net;
  private IpAddress[] boundaries; // sorted starts of address atoms
  /** Node name to the index of its service-independent part (atoms, NSG path, deletion), computed once. */
  private final Map<String, Integer> baseOfNode = new HashMap<>();
  private final Map<Base, Integer> baseIds = new HashMap<>();
  /** Service key to (node name to the node's endpoints of that Service); nodes without endpoints are absent. */
  private final Map<String, Map<String, String>> endpointSigs = new HashMap<>();
  private final Map<String, String> podSigs = new HashMap<>();

  NodeClasses(AksNetwork net) {
    this.net = net;
  }

  /**
   * The class of a node: equal keys are interchangeable nodes. {@code base} numbers the service-independent part
   * (address atoms, subnet and NSGs, deletion); {@code endpoints} lists what the node hosts of the Service (of every
   * pod, without a Service).
   */
  public record Key(int base, String endpoints) {
    // written out, as Base's: every backend's key is looked up in a map of classes
    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).base == base && Objects.equals(((Key) o).endpoints, endpoints);
    }

    @Override
    public int hashCode() {
      return base * 31 + Objects.hashCode(endpoints);
    }
  }

  /** The class key of {@code node} for flows of {@code service} (empty service: every Service). */
  public Key key(Node node, Optional<Service> service) {
    return keys(service).apply(node);
  }

  /**
   * The class keys for flows of {@code service} (empty: every Service), as a function to apply to many nodes: the
   * Service's endpoint placement is looked up once.
   */
  public synchronized Function<Node, Key> keys(Optional<Service> service) {
    if (service.isPresent()) {
      Map<String, String> sigs = endpointSigs(service.get());
      return node -> new Key(baseId(node), sigs.getOrDefault(node.name(), ""));
    }
    return node -> new Key(baseId(node), podSig(node));
  }

  private synchronized int baseId(Node node) {
    Integer id = baseOfNode.get(node.name());
    if (id == null) {
      Base b = base(node);
      id = baseIds.get(b);
      if (id == null) {
        id = baseIds.size();
        baseIds.put(b, id);
      }
      baseOfNode.put(node.name(), id);
    }
    return id;
  }

  /**
   * The class of a node as the home of in-cluster clients (its pods and itself sending to Service addresses): the
   * service-independent part, where every Service has endpoints on it (the local/remote endpoint choice and the
   * masquerade address), and its pods as NetworkPolicy and NSG rules can tell them apart (namespace, labels, address
   * atom), plus the atom of its bridge address. Pod names do not matter, so nodes running alike replicas are one class.
   */
  public synchronized Function<Node, Key> inClusterKeys() {
    // node name to its endpoints of every Service, in Service order: one pass over the Services' placements, where
    // each node once looked itself up in every Service's (100 lookups a node)
    Map<String, String> hosted = new HashMap<>();
    for (Service svc : net.kubernetes().services()) {
      endpointSigs(svc).forEach((node, e) -> hosted.merge(node, e + ';', String::concat));
    }
    return node -> {
      StringBuilder sb = new StringBuilder(hosted.getOrDefault(node.name(), "")).append('|');
      java.util.TreeSet<String> pods = new java.util.TreeSet<>();
      for (Pod p : net.kubernetes().podsOnNode(node.name())) {
        if (p.hostNetwork() || !p.isLive()) {
          continue;
        }
        StringBuilder ps = new StringBuilder(p.namespace()).append(new java.util.TreeMap<>(p.labels()));
        for (IpAddress a : p.podIps()) {
          ps.append('@').append(atom(a));
        }
        pods.add(ps.toString());
      }
      sb.append(pods).append('|');
      for (IpAddress a : node.internalIps()) {
        node.bridgeAddress(a.family()).ifPresent(b -> sb.append(atom(b)).append(','));
      }
      return new Key(baseId(node), sb.toString());
    };
  }

  private synchronized String podSig(Node node) {
    String sig = podSigs.get(node.name());
    if (sig == null) {
      sig = podsOn(node);
      podSigs.put(node.name(), sig);
    }
    return sig;
  }

  /**
   * The service-independent part of a node's class: the atoms of its addresses, its subnet and NSGs, and whether it is
   * being deleted (ids compared as ids: their hashes are kept, where a text of them was hashed per node).
   */
  private record Base(List<Integer> atoms, Optional<ResourceId> subnet, Optional<ResourceId> subnetNsg,
      Optional<ResourceId> nicNsg, boolean deleting) {
    // written out: a record's own equality goes through method handles, which the launcher's C1 compiler does not
    // inline, and every node's base is looked up once
    @Override
    public boolean equals(Object o) {
      return o instanceof Base && ((Base) o).deleting == deleting && ((Base) o).atoms.equals(atoms)
          && ((Base) o).subnet.equals(subnet) && ((Base) o).subnetNsg.equals(subnetNsg)
          && ((Base) o).nicNsg.equals(nicNsg);
    }

    @Override
    public int hashCode() {
      return (((atoms.hashCode() * 31 + subnet.hashCode()) * 31 + subnetNsg.hashCode()) * 31 + nicNsg.hashCode()) * 31
          + Boolean.hashCode(deleting);
    }
  }

  private Base base(Node node) {
    List<Integer> atoms = new ArrayList<>();
    for (IpAddress ip : node.internalIps()) {
      atoms.add(atom(ip));
    }
    NsgPath p = net.nsgPath(node);
    return new Base(atoms, p.subnet().map(s -> s.id()), p.subnetNsg().map(n -> n.id()), p.nicNsg().map(n -> n.id()),
        node.toBeDeletedByClusterAutoscaler() || node.deleting());
  }

  private String podsOn(Node node) {
    StringBuilder sb = new StringBuilder();
    for (Pod p : net.kubernetes().podsOnNode(node.name())) {
      sb.append(p.key()).append(',');
    }
    return sb.toString();
  }

  /**
   * Node name to the endpoints of {@code svc} on that node (every port; address, port and conditions, sorted); nodes
   * without endpoints are absent (their signature is {@code ""}).
   */
  private Map<String, String> endpointSigs(Service svc) {
    return endpointSigs.computeIfAbsent(svc.key(), k -> {
      Map<String, TreeSet<String>> eps = new HashMap<>();
      for (ServicePort sp : svc.ports()) {
        for (ServiceEndpoint e : net.kubernetes().endpointsOf(svc, sp)) {
          if (e.nodeName().isPresent()) {
            eps.computeIfAbsent(e.nodeName().get(), n -> new TreeSet<>())
                .add(e.address() + ":" + e.port() + ":" + e.ready() + e.serving() + e.terminating());
          }
        }
      }
      Map<String, String> out = new HashMap<>();
      eps.forEach((n, set) -> out.put(n, String.join(",", set)));
      return out;
    });
  }

  /** The index of the address atom holding {@code ip}. */
  public synchronized int atom(IpAddress ip) {
    if (boundaries == null) {
      boundaries = computeBoundaries();
    }
    int a = 0;
    int b = boundaries.length - 1;
    while (a < b) {
      int m = (a + b + 1) >>> 1;
      if (boundaries[m].compareTo(ip) <= 0) {
        a = m;
      } else {
        b = m - 1;
      }
    }
    return a;
  }

  private IpAddress[] computeBoundaries() {
    List<IpSet> sets = new ArrayList<>();
    for (NetworkSecurityGroup nsg : net.azure().nsgs()) {
      Optional<Subnet> subnet = net.azure().subnetsUsing(nsg).stream().findFirst();
      for (Direction d : Direction.values()) {
        Classifier c = NsgClassifiers.forNsg(nsg, d, net.resolver(subnet), ATOMS,
            NsgOrigin.of(nsg, NsgPosition.NIC, subnet, d), ATOMS);
        for (Classifier.Rule r : c.rules()) {
          collect(r.match(), sets);
        }
      }
    }
    for (Service s : net.kubernetes().services()) {
      sets.add(IpSet.ofPrefixes(s.loadBalancerSourceRanges()));
    }
    for (NetworkPolicy np : net.kubernetes().networkPolicies()) {
      for (NetworkPolicyRule r : np.ingress()) {
        peers(r.peers(), sets);
      }
      for (NetworkPolicyRule r : np.egress()) {
        peers(r.peers(), sets);
      }
    }
    for (IngressNginxController c : net.controllers()) {
      IngressNginxRouter router = net.router(c);
      sets.add(IpSet.ofPrefixes(router.config().proxyRealIpCidr()));
      for (Ingress ing : router.ingresses()) {
        NginxAccessPolicy a = NginxAccessPolicy.forIngress(Optional.of(ing), router.config(),
            c.annotationsPrefix(), io.github.aksreach.k8s.nginx.NginxOptions.defaults());
        sets.add(a.allowSet());
        sets.add(a.denySet());
        sets.add(a.blockSet());
      }
    }
    TreeSet<IpAddress> pts = new TreeSet<>();
    pts.add(IpAddress.ofKey(0, 0));
    for (IpSet s : sets) {
      // the starts of the set's maximal ranges and the addresses right after them (not CIDR block edges, which
      // would cut ranges, and so node classes, finer than any rule does)
      s.forEachRange((first, last) -> {
        pts.add(first);
        IpAddress after = last.next();
        if (after.compareTo(last) > 0) {
          pts.add(after);
        }
      });
    }
    return pts.toArray(new IpAddress[0]);
  }

  private static void peers(List<NetworkPolicyPeer> peers, List<IpSet> sets) {
    for (NetworkPolicyPeer p : peers) {
      p.ipBlock().ifPresent(b -> sets.add(b.toIpSet()));
    }
  }

  private static void collect(MatchExpr e, List<IpSet> sets) {
    if (e instanceof MatchExpr.IpIn) {
      sets.add(((MatchExpr.IpIn) e).set());
    } else if (e instanceof MatchExpr.And) {
      ((MatchExpr.And) e).conjuncts().forEach(c -> collect(c, sets));
    } else if (e instanceof MatchExpr.Or) {
      ((MatchExpr.Or) e).disjuncts().forEach(c -> collect(c, sets));
    } else if (e instanceof MatchExpr.Not) {
      collect(((MatchExpr.Not) e).negated(), sets);
    }
  }

}
