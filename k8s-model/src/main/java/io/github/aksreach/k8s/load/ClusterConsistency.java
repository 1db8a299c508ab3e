package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.nsg.model.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cross-object rules of a {@link KubernetesCluster} that make it bad input, whoever built it: the loader of a
 * dump ({@link KubernetesLoader}, through its accumulator) and every in-memory path (a {@code Scenario}'s
 * {@code with*} copies, {@code AksReachability.of}) apply the same rules, so a model the loader would refuse is
 * refused there too, with the same messages.
 *
 * <pre>{@code
 * List<ModelError> errors = ClusterConsistency.errors(cluster);
 * // ["k8s/nodes.yaml: items[1]: Node b claims address 10.0.0.4, which Node a already has (...): ..."]
 * }</pre>
 *
 * <p>The rules: one object per kind, namespace and name (the loader keeps the first of identical duplicates and
 * refuses differing ones; a built cluster has nowhere to keep one, so any duplicate is refused), and one node per
 * address.
 */
public final class ClusterConsistency {
  private ClusterConsistency() {}

  /** Every violation of the rules above, in object order; empty when the cluster is consistent. */
  public static List<ModelError> errors(KubernetesCluster c) {
    List<ModelError> out = new ArrayList<>();
    unique(out, "Node", c.nodes(), Node::name, Node::provenance);
    unique(out, "Pod", c.pods(), p -> p.key(), p -> p.provenance());
    unique(out, "Service", c.services(), s -> s.key(), s -> s.provenance());
    unique(out, "EndpointSlice", c.endpointSlices(), s -> s.key(), s -> s.provenance());
    unique(out, "Ingress", c.ingresses(), i -> i.key(), i -> i.provenance());
    unique(out, "IngressClass", c.ingressClasses(), i -> i.name(), i -> i.provenance());
    unique(out, "NetworkPolicy", c.networkPolicies(), p -> p.key(), p -> p.provenance());
    unique(out, "Namespace", c.namespaces(), n -> n.name(), n -> n.provenance());
    unique(out, "ConfigMap", c.configMaps(), m -> m.key(), m -> m.provenance());
    unique(out, "workload", c.workloads(), w -> w.ref().toString(), w -> w.provenance());
    unique(out, "GatewayClass", c.gatewayClasses(), g -> g.name(), g -> g.provenance());
    unique(out, "Gateway", c.gateways(), g -> g.key(), g -> g.provenance());
    unique(out, "HTTPRoute", c.httpRoutes(), r -> r.key(), r -> r.provenance());
    unique(out, "GRPCRoute", c.grpcRoutes(), r -> r.key(), r -> r.provenance());
    unique(out, "ReferenceGrant", c.referenceGrants(), g -> g.key(), g -> g.provenance());
    unique(out, "AuthorizationPolicy", c.authorizationPolicies(), p -> p.key(), p -> p.provenance());
    unique(out, "ApplicationLoadBalancer", c.applicationLoadBalancers(), a -> a.key(), a -> a.provenance());
    out.addAll(nodeAddressConflicts(c));
    return out;
  }

  /** One address belongs to one node: every node that claims an address an earlier node has. */
  static List<ModelError> nodeAddressConflicts(KubernetesCluster c) {
    List<ModelError> out = new ArrayList<>();
    NodeAddresses claimed = new NodeAddresses();
    for (Node n : c.nodes()) {
      claimed.claim(n, n.provenance().orElse(new Provenance("", ""))).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The node addresses claimed so far, to the node claiming them: the one rule "one address belongs to one node",
   * for a built cluster ({@link #nodeAddressConflicts}) and for the loader's accumulator, which claims each node as
   * it reads it and leaves out one that conflicts (so {@code --skip-invalid} leaves out only the later node).
   */
  static final class NodeAddresses {
    private final Map<IpAddress, Node> claimed = new HashMap<>();

    /**
     * Empty when {@code n} claims no address an earlier node has (its addresses are then claimed); else the error,
     * at {@code here}, naming both nodes ({@code n}'s addresses are then not claimed).
     */
    Optional<ModelError> claim(Node n, Provenance here) {
      for (IpAddress a : n.addresses()) {
        Node other = claimed.get(a);
        if (other != null) {
          return Optional.of(new ModelError(here.file(), here.path(), "Node " + n.name() + " claims address " + a
              + ", which Node " + other.name() + " already has (" + other.provenance().map(Provenance::toString)
              .orElse("") + "): one address belongs to one node"));
        }
      }
      n.addresses().forEach(a -> claimed.put(a, n));
      return Optional.empty();
    }
  }

  private static <T> void unique(List<ModelError> out, String kind, List<T> objects, Function<T, String> key,
      Function<T, Optional<Provenance>> where) {
    Map<String, T> seen = new HashMap<>();
    for (T o : objects) {
      T first = seen.putIfAbsent(key.apply(o), o);
      if (first != null) {
        Provenance here = where.apply(o).orElse(new Provenance("", ""));
        String display = kind.equals("workload") ? key.apply(o) : kind + " " + key.apply(o);
        out.add(new ModelError(here.file(), here.path(), display + " is defined twice"
            + where.apply(first).map(p -> " (first in " + p + ")").orElse("") + ": keep one of them"));
      }
    }
  }
}
