package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.k8s.model.HealthCheckPolicy;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayClass;
import io.github.aksreach.k8s.model.GatewayRoute;
import io.github.aksreach.k8s.model.GrpcRoute;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ParentRef;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.ReferenceGrant;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.Workload;
import io.github.aksreach.nsg.model.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Collects the objects of every file of one load, rejects conflicting duplicates, and checks references. */
final class ClusterAccumulator {
  private final Map<String, Object> byKey = new LinkedHashMap<>();
  private final Map<String, Provenance> where = new HashMap<>();
  final List<ModelError> errors = new ArrayList<>();
  final List<LoadNote> notes = new ArrayList<>();

  private static String name(Object o) {
    if (o instanceof Node) {
      return ((Node) o).name();
    } else if (o instanceof Pod) {
      return ((Pod) o).name();
    } else if (o instanceof Service) {
      return ((Service) o).name();
    } else if (o instanceof EndpointSlice) {
      return ((EndpointSlice) o).name();
    } else if (o instanceof Ingress) {
      return ((Ingress) o).name();
    } else if (o instanceof IngressClass) {
      return ((IngressClass) o).name();
    } else if (o instanceof NetworkPolicy) {
      return ((NetworkPolicy) o).name();
    } else if (o instanceof Namespace) {
      return ((Namespace) o).name();
    } else if (o instanceof ConfigMap) {
      return ((ConfigMap) o).name();
    } else if (o instanceof Workload) {
      return ((Workload) o).name();
    } else if (o instanceof GatewayClass) {
      return ((GatewayClass) o).name();
    } else if (o instanceof Gateway) {
      return ((Gateway) o).name();
    } else if (o instanceof GatewayRoute) {
      return ((GatewayRoute) o).name();
    } else if (o instanceof ReferenceGrant) {
      return ((ReferenceGrant) o).name();
    } else if (o instanceof AuthorizationPolicy) {
      return ((AuthorizationPolicy) o).name();
    } else if (o instanceof ApplicationLoadBalancer) {
      return ((ApplicationLoadBalancer) o).name();
    } else if (o instanceof HealthCheckPolicy) {
      return ((HealthCheckPolicy) o).name();
    }
    throw new IllegalArgumentException(o.getClass().getName());
  }

  /** What a recording accumulator was given, in order; null for one that collects. */
  private final List<Added> recorded;

  private record Added(String kind, String namespace, Object object, Provenance prov) {}

  ClusterAccumulator() {
    this(null);
  }

  private ClusterAccumulator(List<Added> recorded) {
    this.recorded = recorded;
  }

  /**
   * An accumulator that only records what it is given, to be {@link #replayInto replayed} into the real one once a
   * file has been read to its end (a List read item by item is dropped whole if its end turns out bad).
   */
  static ClusterAccumulator recording() {
    return new ClusterAccumulator(new ArrayList<>());
  }

  /** Gives {@code target} what this recording accumulator was given, in the same order. */
  void replayInto(ClusterAccumulator target) {
    for (Added a : recorded) {
      target.add(a.kind(), a.namespace(), a.object(), a.prov());
    }
  }

  void add(String kind, String namespace, Object object, Provenance prov) {
    if (recorded != null) {
      recorded.add(new Added(kind, namespace, object, prov));
      return;
    }
    String display = kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name(object);
    String key = display;
    Object previous = byKey.get(key);
    if (previous != null) {
      Provenance first = where.get(key);
      if (previous.equals(object)) {
        notes.add(LoadNote.info(prov.file(), prov.path(), "duplicate of " + display + " already read from " + first
            + "; ignored"));
      } else {
        errors.add(new ModelError(prov.file(), prov.path(), display + " is also defined, differently, in " + first
            + ": keep one of them"));
      }
      return;
    }
    if (object instanceof Node) {
      // a node claiming an address an earlier node has is refused and not added (ClusterConsistency's rule)
      Optional<ModelError> conflict = nodeIps.claim((Node) object, prov);
      if (conflict.isPresent()) {
        errors.add(conflict.get());
        return;
      }
    }
    byKey.put(key, object);
    where.put(key, prov);
  }

  /** Node addresses already claimed, to the node claiming them. */
  private final ClusterConsistency.NodeAddresses nodeIps = new ClusterConsistency.NodeAddresses();

  /** The kinds a cluster holds, in the order {@link #build} asks for them. */
  private static final List<Class<?>> KINDS = List.of(Node.class, Pod.class, Service.class, EndpointSlice.class,
      Ingress.class, IngressClass.class, NetworkPolicy.class, Namespace.class, ConfigMap.class, Workload.class,
      GatewayClass.class, Gateway.class, HttpRoute.class, GrpcRoute.class, ReferenceGrant.class,
      AuthorizationPolicy.class, ApplicationLoadBalancer.class, HealthCheckPolicy.class);

  /**
   * The objects added, by kind ({@link #KINDS}' order), each list in the order of adding: one pass over the objects
   * (a dump of 150,000 objects was walked once per kind), with the kinds of each implementation class found once.
   */
  private List<List<Object>> byKind() {
    List<List<Object>> out = new ArrayList<>();
    KINDS.forEach(k -> out.add(new ArrayList<>()));
    Map<Class<?>, int[]> kindsOf = new HashMap<>();
    for (Object o : byKey.values()) {
      int[] kinds = kindsOf.computeIfAbsent(o.getClass(),
          c -> java.util.stream.IntStream.range(0, KINDS.size()).filter(i -> KINDS.get(i).isAssignableFrom(c))
              .toArray());
      for (int k : kinds) {
        out.get(k).add(o);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> all(List<List<Object>> byKind, Class<T> type) {
    return (List<T>) byKind.get(KINDS.indexOf(type));
  }

  private void note(Optional<Provenance> p, String message) {
    Provenance pr = p.orElse(new Provenance("", ""));
    notes.add(LoadNote.warning(pr.file(), pr.path(), message));
  }

  private void info(Optional<Provenance> p, String message) {
    Provenance pr = p.orElse(new Provenance("", ""));
    notes.add(LoadNote.info(pr.file(), pr.path(), message));
  }

  KubernetesCluster build() {
    List<List<Object>> k = byKind();
    KubernetesCluster c = KubernetesCluster.builder()
        .addAllNodes(all(k, Node.class)).addAllPods(all(k, Pod.class)).addAllServices(all(k, Service.class))
        .addAllEndpointSlices(all(k, EndpointSlice.class)).addAllIngresses(all(k, Ingress.class))
        .addAllIngressClasses(all(k, IngressClass.class)).addAllNetworkPolicies(all(k, NetworkPolicy.class))
        .addAllNamespaces(all(k, Namespace.class)).addAllConfigMaps(all(k, ConfigMap.class))
        .addAllWorkloads(all(k, Workload.class))
        .addAllGatewayClasses(all(k, GatewayClass.class)).addAllGateways(all(k, Gateway.class))
        .addAllHttpRoutes(all(k, HttpRoute.class)).addAllGrpcRoutes(all(k, GrpcRoute.class))
        .addAllReferenceGrants(all(k, ReferenceGrant.class))
        .addAllAuthorizationPolicies(all(k, AuthorizationPolicy.class))
        .addAllApplicationLoadBalancers(all(k, ApplicationLoadBalancer.class))
        .addAllHealthCheckPolicies(all(k, HealthCheckPolicy.class))
        .build();
    checkReferences(c);
    return c;
  }

  private void checkReferences(KubernetesCluster c) {
    if (!c.nodes().isEmpty()) {
      for (Pod p : c.pods()) {
        if (p.nodeName().isPresent() && c.node(p.nodeName().get()).isEmpty()) {
          note(p.provenance(), "Pod " + p.key() + " runs on node " + p.nodeName().get() + ", which is not in the dump");
        }
      }
    }
    // a second node claiming an address was refused as it was added (ClusterConsistency.NodeAddresses)
    Map<IpAddress, Pod> podIps = new HashMap<>();
    for (Pod p : c.pods()) {
      if (p.isLive() && !p.hostNetwork()) {
        for (IpAddress a : p.podIps()) {
          Pod other = podIps.putIfAbsent(a, p);
          if (other != null) {
            note(p.provenance(), "Pod " + p.key() + " and Pod " + other.key() + " both claim address " + a);
          }
        }
      }
    }
    Map<IpAddress, Service> clusterIps = new HashMap<>();
    for (Service s : c.services()) {
      for (IpAddress a : s.clusterIps()) {
        Service other = clusterIps.putIfAbsent(a, s);
        if (other != null) {
          note(s.provenance(), "Service " + s.key() + " and Service " + other.key() + " both claim cluster IP " + a);
        }
      }
    }
    for (EndpointSlice s : c.endpointSlices()) {
      if (s.serviceName().isPresent() && c.service(s.namespace(), s.serviceName().get()).isEmpty()) {
        info(s.provenance(), "EndpointSlice " + s.key() + " belongs to Service " + s.namespace() + "/"
            + s.serviceName().get() + ", which is not in the dump");
      }
    }
    if (!c.services().isEmpty()) {
      for (Ingress i : c.ingresses()) {
        List<IngressBackend> backends = new ArrayList<>();
        i.defaultBackend().ifPresent(backends::add);
        for (IngressRule r : i.rules()) {
          for (IngressPath p : r.paths()) {
            backends.add(p.backend());
          }
        }
        for (IngressBackend b : backends) {
          if (b.serviceName().isPresent() && c.service(i.namespace(), b.serviceName().get()).isEmpty()) {
            note(i.provenance(), "Ingress " + i.key() + " routes to Service " + i.namespace() + "/"
                + b.serviceName().get() + ", which is not in the dump");
          }
        }
      }
    }
    checkGatewayReferences(c);
    if (!c.namespaces().isEmpty() || !c.networkPolicies().isEmpty()) {
      Set<String> missing = new TreeSet<>();
      for (String ns : c.namespaceNames()) {
        if (c.namespace(ns).isEmpty()) {
          missing.add(ns);
        }
      }
      if (!missing.isEmpty()) {
        notes.add(LoadNote.info("", "", "namespaces " + missing + " are used but not dumped: of their labels only "
            + Namespace.NAME_LABEL + " is known (namespaceSelectors may match differently in the cluster)"));
      }
    }
  }

  /**
   * What the API server accepts but the Gateway controller will refuse or cannot resolve, as warnings naming the
   * reference's path (the model reports the same as status conditions, {@code k8s.gateway.RouteAttachments}).
   */
  private void checkGatewayReferences(KubernetesCluster c) {
    if (c.gateways().isEmpty() && c.gatewayRoutes().isEmpty()) {
      return;
    }
    for (Gateway g : c.gateways()) {
      if (!c.gatewayClasses().isEmpty() && c.gatewayClass(g.gatewayClassName()).isEmpty()) {
        note(g.provenance().map(p -> at(p, "spec.gatewayClassName")), "Gateway " + g.key() + " names GatewayClass "
            + g.gatewayClassName() + ", which is not in the dump");
      }
    }
    for (GatewayRoute r : c.gatewayRoutes()) {
      for (int i = 0; i < r.parentRefs().size(); i++) {
        ParentRef p = r.parentRefs().get(i);
        String sub = "spec.parentRefs[" + i + "]";
        if (p.isGateway() && c.gateway(p.namespaceOr(r.namespace()), p.name()).isEmpty()) {
          note(r.provenance().map(pr -> at(pr, sub)), r.kind() + " " + r.key()
              + " attaches to Gateway " + p.namespaceOr(r.namespace()) + "/" + p.name()
              + ", which is not in the dump: the route is not accepted there");
        }
      }
    }
  }

  private static Provenance at(Provenance p, String sub) {
    return new Provenance(p.file(), p.path().isEmpty() ? sub : p.path() + "." + sub);
  }
}
