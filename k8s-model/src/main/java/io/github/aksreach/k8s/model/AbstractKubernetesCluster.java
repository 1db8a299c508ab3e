package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.immutables.value.Value;

/**
 * Everything {@code kubectl} says about a cluster, with the joins reachability needs: pods on a node, pods selected
 * by a selector, the endpoints of a Service port, node by name or address, namespace labels.
 *
 * <pre>{@code
 * KubernetesCluster c = KubernetesLoader.create().loadDirectory(Path.of("lab/step1-cluster-open/k8s"))
 *     .get().value();
 * Service svc = c.service("default", "simpleapi").orElseThrow();
 * c.endpointsOf(svc, svc.ports().get(0));          // [10.244.1.5:8080/tcp (default/simpleapi-7d9c8b6f4d-9xkqv)]
 * c.podsOnNode("aks-ingress-41831646-vmss000000"); // the NGINX pod
 * c.nodeByIp(IpAddress.of("192.168.0.36"));        // Optional[Node aks-user-28786594-vmss000001 ...]
 * c.podByIp(IpAddress.of("10.244.2.2"));           // Optional[Pod ingress/ingress-nginx-controller-...]
 * c.namespaceLabels("ingress");                    // {kubernetes.io/metadata.name=ingress}
 * }</pre>
 *
 * <p>Endpoints of a Service port ({@link #endpointsOf(Service, ServicePort)}) come from its EndpointSlices when any
 * exist, else from legacy {@code Endpoints}, else from its selector and the live pods (computed as the EndpointSlice
 * controller would: ready = pod Ready and not terminating, serving = pod Ready, terminating = deletion started;
 * {@code publishNotReadyAddresses} makes every pod ready). Of an EndpointSlice endpoint with several addresses only
 * the first is used, as kube-proxy does.
 */
@Value.Immutable
abstract class AbstractKubernetesCluster {
  public abstract List<Node> nodes();

  public abstract List<Pod> pods();

  public abstract List<Service> services();

  /** EndpointSlices, and legacy Endpoints converted to slices ({@link EndpointSlice#fromLegacyEndpoints()}). */
  public abstract List<EndpointSlice> endpointSlices();

  public abstract List<Ingress> ingresses();

  public abstract List<IngressClass> ingressClasses();

  public abstract List<NetworkPolicy> networkPolicies();

  public abstract List<Namespace> namespaces();

  public abstract List<ConfigMap> configMaps();

  /** Deployments, DaemonSets, StatefulSets, ReplicaSets (pod templates only). */
  public abstract List<Workload> workloads();

  /** Gateway API {@code GatewayClass}es. */
  public abstract List<GatewayClass> gatewayClasses();

  /** Gateway API {@code Gateway}s. */
  public abstract List<Gateway> gateways();

  /** Gateway API {@code HTTPRoute}s. */
  public abstract List<HttpRoute> httpRoutes();

  /** Gateway API {@code GRPCRoute}s. */
  public abstract List<GrpcRoute> grpcRoutes();

  /** Gateway API {@code ReferenceGrant}s. */
  public abstract List<ReferenceGrant> referenceGrants();

  /** Istio {@code AuthorizationPolicy}s. */
  public abstract List<AuthorizationPolicy> authorizationPolicies();

  /** Application Gateway for Containers {@code ApplicationLoadBalancer}s ({@code alb.networking.azure.io/v1}). */
  public abstract List<ApplicationLoadBalancer> applicationLoadBalancers();

  /** Application Gateway for Containers {@code HealthCheckPolicy}s ({@code alb.networking.azure.io/v1}). */
  public abstract List<HealthCheckPolicy> healthCheckPolicies();

  /** The HealthCheckPolicy that targets Service {@code namespace/name}, if any (the oldest read when several do). */
  public Optional<HealthCheckPolicy> healthCheckPolicyFor(String namespace, String name) {
    return healthCheckPolicies().stream().filter(h -> h.serviceNamespace().equals(namespace)
        && h.service().equals(name)).findFirst();
  }

  public Optional<ApplicationLoadBalancer> applicationLoadBalancer(String namespace, String name) {
    return applicationLoadBalancers().stream().filter(a -> a.namespace().equals(namespace) && a.name().equals(name))
        .findFirst();
  }

  /** An empty cluster. */
  public static KubernetesCluster empty() {
    return KubernetesCluster.builder().build();
  }

  @Value.Lazy
  Index index() {
    return new Index(this);
  }

  /** Lookup tables, built once. */
  static final class Index {
    final Map<String, Node> nodesByName;
    final Map<IpAddress, Node> nodesByIp;
    final Map<String, List<Pod>> podsByNode;
    final Map<String, Pod> podsByKey;
    final Map<IpAddress, Pod> podsByIp;
    final Map<String, Namespace> namespaces = new HashMap<>();
    final Map<String, Service> services = new HashMap<>();
    final Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    final Map<String, List<EndpointSlice>> legacyByService = new HashMap<>();

    Index(AbstractKubernetesCluster c) {
      // sized for what they will hold: a table of 100,000 pods is otherwise copied 17 times as it grows
      nodesByName = sized(c.nodes().size());
      nodesByIp = sized(c.nodes().size());
      podsByNode = sized(c.nodes().size());
      podsByKey = sized(c.pods().size());
      podsByIp = sized(c.pods().size());
      for (Node n : c.nodes()) {
        nodesByName.putIfAbsent(n.name(), n);
        for (IpAddress a : n.addresses()) {
          nodesByIp.putIfAbsent(a, n);
        }
      }
      for (Pod p : c.pods()) {
        p.nodeName().ifPresent(n -> podsByNode.computeIfAbsent(n, k -> new ArrayList<>()).add(p));
      }
      List<Pod> ordered = new ArrayList<>(c.pods());
      // live, running, non-terminating pods win an address they share with another pod
      ordered.sort(Comparator.comparingInt(p -> rank(p)));
      for (Pod p : ordered) {
        podsByKey.putIfAbsent(p.key(), p);
        if (p.isLive() && !p.hostNetwork()) {
          for (IpAddress a : p.podIps()) {
            podsByIp.putIfAbsent(a, p);
          }
        }
      }
      for (Namespace n : c.namespaces()) {
        namespaces.putIfAbsent(n.name(), n);
      }
      for (Service s : c.services()) {
        services.putIfAbsent(s.key(), s);
      }
      for (EndpointSlice s : c.endpointSlices()) {
        if (s.serviceName().isPresent()) {
          String key = s.namespace() + "/" + s.serviceName().get();
          (s.fromLegacyEndpoints() ? legacyByService : slicesByService)
              .computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
      }
    }

    /** A map that holds {@code entries} without growing. */
    private static <K, V> Map<K, V> sized(int entries) {
      return new HashMap<>(entries + entries / 3 + 1);
    }

    private static int rank(Pod p) {
      return (p.isLive() ? 0 : 4) + (p.phase() == PodPhase.RUNNING ? 0 : 2) + (p.terminating() ? 1 : 0);
    }
  }

  /** The node named {@code name}. */
  public Optional<Node> node(String name) {
    return Optional.ofNullable(index().nodesByName.get(name));
  }

  /** The node with this InternalIP or ExternalIP. */
  public Optional<Node> nodeByIp(IpAddress ip) {
    return Optional.ofNullable(index().nodesByIp.get(ip));
  }

  /** The node whose pod CIDR contains {@code ip} (kubenet, Overlay). */
  public Optional<Node> nodeByPodCidr(IpAddress ip) {
    return nodes().stream().filter(n -> n.podCidrsContain(ip)).findFirst();
  }

  /** The node {@code pod} is scheduled on, if it is known. */
  public Optional<Node> nodeOf(Pod pod) {
    return pod.nodeName().flatMap(this::node);
  }

  /** The pods scheduled on {@code nodeName}, in dump order (every phase). */
  public List<Pod> podsOnNode(String nodeName) {
    return index().podsByNode.getOrDefault(nodeName, List.of());
  }

  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(index().podsByKey.get(namespace + "/" + name));
  }

  /**
   * The live, non-hostNetwork pod with this address (a hostNetwork pod's address is its node's). Should two live pods
   * claim one address, a running pod that is not terminating wins.
   */
  public Optional<Pod> podByIp(IpAddress ip) {
    return Optional.ofNullable(index().podsByIp.get(ip));
  }

  /** The pods of {@code namespace} whose labels {@code selector} matches (every phase, in dump order). */
  public List<Pod> podsSelectedBy(String namespace, LabelSelector selector) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods()) {
      if (p.namespace().equals(namespace) && selector.matches(p.labels())) {
        out.add(p);
      }
    }
    return out;
  }

  /** The pods a Service's selector picks (none without a selector). */
  public List<Pod> podsSelectedBy(Service service) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods()) {
      if (p.namespace().equals(service.namespace()) && service.selects(p.labels())) {
        out.add(p);
      }
    }
    return out;
  }

  public Optional<Namespace> namespace(String name) {
    return Optional.ofNullable(index().namespaces.get(name));
  }

  /**
   * The labels of a namespace; for a namespace that is not in the dump, only {@code kubernetes.io/metadata.name}
   * (which the API server always sets) is known.
   */
  public Map<String, String> namespaceLabels(String name) {
    Namespace n = index().namespaces.get(name);
    return n != null ? n.labels() : Map.of(Namespace.NAME_LABEL, name);
  }

  /** Every namespace known: dumped Namespace objects and namespaces named by dumped objects, sorted. */
  public Set<String> namespaceNames() {
    Set<String> s = new TreeSet<>();
    namespaces().forEach(n -> s.add(n.name()));
    pods().forEach(p -> s.add(p.namespace()));
    services().forEach(p -> s.add(p.namespace()));
    networkPolicies().forEach(p -> s.add(p.namespace()));
    ingresses().forEach(p -> s.add(p.namespace()));
    return s;
  }

  public Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(index().services.get(namespace + "/" + name));
  }

  /** The Services with this cluster IP. */
  public List<Service> servicesByClusterIp(IpAddress ip) {
    return services().stream().filter(s -> s.clusterIps().contains(ip)).toList();
  }

  /** The Services whose load-balancer frontend ({@link Service#frontendIps()}) is {@code ip}. */
  public List<Service> servicesByFrontendIp(IpAddress ip) {
    return services().stream().filter(s -> s.frontendIps().contains(ip)).toList();
  }

  /** The EndpointSlices of a Service; its converted legacy Endpoints when it has no slices. */
  public List<EndpointSlice> endpointSlicesOf(Service service) {
    List<EndpointSlice> s = index().slicesByService.get(service.key());
    if (s != null) {
      return s;
    }
    return index().legacyByService.getOrDefault(service.key(), List.of());
  }

  /**
   * The endpoints of one port of a Service: from its EndpointSlices when any exist, else from legacy Endpoints, else
   * computed from the selector and the pods. Every endpoint is returned with its conditions; kube-proxy's choice
   * among them (ready, else serving-terminating; local only for Local policies) is the caller's.
   */
  public List<ServiceEndpoint> endpointsOf(Service service, ServicePort port) {
    List<EndpointSlice> slices = endpointSlicesOf(service);
    if (!slices.isEmpty()) {
      return fromSlices(slices, port);
    }
    return fromPods(service, port);
  }

  private static List<ServiceEndpoint> fromSlices(List<EndpointSlice> slices, ServicePort port) {
    List<ServiceEndpoint> out = new ArrayList<>();
    String wanted = port.name().orElse("");
    for (EndpointSlice s : slices) {
      if (s.addressType() == AddressType.FQDN) {
        continue;
      }
      OptionalInt number = OptionalInt.empty();
      for (EndpointPort p : s.ports()) {
        if (p.name().orElse("").equals(wanted) && p.protocol() == port.protocol() && p.port().isPresent()) {
          number = p.port();
          break;
        }
      }
      if (number.isEmpty()) {
        continue;
      }
      for (SliceEndpoint e : s.endpoints()) {
        if (e.addresses().isEmpty()) {
          continue;
        }
        ServiceEndpoint.Builder b = ServiceEndpoint.builder()
            .address(e.addresses().get(0)).port(number.getAsInt()).protocol(port.protocol())
            .ready(e.ready()).serving(e.serving()).terminating(e.terminating())
            .source(s.fromLegacyEndpoints() ? ServiceEndpoint.Source.ENDPOINTS : ServiceEndpoint.Source.ENDPOINT_SLICE);
        e.nodeName().ifPresent(b::nodeName);
        e.targetRef().ifPresent(b::targetRef);
        e.zone().ifPresent(b::zone);
        out.add(b.build());
      }
    }
    return out;
  }

  private List<ServiceEndpoint> fromPods(Service service, ServicePort port) {
    List<ServiceEndpoint> out = new ArrayList<>();
    if (!service.hasSelector()) {
      return out;
    }
    Set<IpFamily> families = service.families();
    for (Pod p : podsSelectedBy(service)) {
      if (!p.isLive() || p.podIps().isEmpty()) {
        continue;
      }
      OptionalInt number = p.resolve(port.targetPort(), port.protocol());
      if (number.isEmpty()) {
        continue;
      }
      boolean ready = service.publishNotReadyAddresses() || (p.ready() && !p.terminating());
      boolean serving = service.publishNotReadyAddresses() || p.ready();
      Set<IpFamily> done = new LinkedHashSet<>();
      for (IpAddress a : p.podIps()) {
        if (!families.contains(a.family()) || !done.add(a.family())) {
          continue;
        }
        ServiceEndpoint.Builder b = ServiceEndpoint.builder().address(a).port(number.getAsInt())
            .protocol(port.protocol()).ready(ready).serving(serving).terminating(p.terminating())
            .targetRef(p.ref()).source(ServiceEndpoint.Source.POD_SELECTOR);
        p.nodeName().ifPresent(b::nodeName);
        out.add(b.build());
      }
    }
    return out;
  }

  public Optional<IngressClass> ingressClass(String name) {
    return ingressClasses().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<ConfigMap> configMap(String namespace, String name) {
    return configMaps().stream().filter(c -> c.namespace().equals(namespace) && c.name().equals(name)).findFirst();
  }

  public Optional<Ingress> ingress(String namespace, String name) {
    return ingresses().stream().filter(c -> c.namespace().equals(namespace) && c.name().equals(name)).findFirst();
  }

  public Optional<NetworkPolicy> networkPolicy(String namespace, String name) {
    return networkPolicies().stream().filter(c -> c.namespace().equals(namespace) && c.name().equals(name))
        .findFirst();
  }

  public Optional<GatewayClass> gatewayClass(String name) {
    return gatewayClasses().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<Gateway> gateway(String namespace, String name) {
    return gateways().stream().filter(g -> g.namespace().equals(namespace) && g.name().equals(name)).findFirst();
  }

  /** Every HTTPRoute and GRPCRoute. */
  public List<GatewayRoute> gatewayRoutes() {
    List<GatewayRoute> out = new ArrayList<>(httpRoutes());
    out.addAll(grpcRoutes());
    return out;
  }

  /** The ReferenceGrants of one (target) namespace. */
  public List<ReferenceGrant> referenceGrantsIn(String namespace) {
    return referenceGrants().stream().filter(g -> g.namespace().equals(namespace)).toList();
  }

  /** The NetworkPolicies of one namespace. */
  public List<NetworkPolicy> networkPoliciesIn(String namespace) {
    return networkPolicies().stream().filter(p -> p.namespace().equals(namespace)).toList();
  }

  /** The NetworkPolicies whose {@code podSelector} selects {@code pod}. */
  public List<NetworkPolicy> networkPoliciesSelecting(Pod pod) {
    return networkPolicies().stream().filter(p -> p.selects(pod)).toList();
  }

  /** The pods of a workload: pods of its namespace matching its selector. */
  public List<Pod> podsOf(Workload w) {
    return podsSelectedBy(w.namespace(), w.selector());
  }

  /** Every address of a node: InternalIPs, ExternalIPs and the host IPs its pods report. */
  public Set<IpAddress> nodeAddresses(Node node) {
    Set<IpAddress> s = new LinkedHashSet<>(node.addresses());
    for (Pod p : podsOnNode(node.name())) {
      p.hostIp().ifPresent(s::add);
    }
    return s;
  }

  /** Object counts by kind, for summaries: {@code {Node=3, Pod=2, ...}}. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("Node", nodes().size());
    m.put("Pod", pods().size());
    m.put("Service", services().size());
    m.put("EndpointSlice", endpointSlices().size());
    m.put("Ingress", ingresses().size());
    m.put("IngressClass", ingressClasses().size());
    m.put("NetworkPolicy", networkPolicies().size());
    m.put("Namespace", namespaces().size());
    m.put("ConfigMap", configMaps().size());
    m.put("Workload", workloads().size());
    // Gateway API and Istio kinds are listed only when present, so summaries of clusters without them are unchanged
    putIfAny(m, "GatewayClass", gatewayClasses().size());
    putIfAny(m, "Gateway", gateways().size());
    putIfAny(m, "HTTPRoute", httpRoutes().size());
    putIfAny(m, "GRPCRoute", grpcRoutes().size());
    putIfAny(m, "ReferenceGrant", referenceGrants().size());
    putIfAny(m, "AuthorizationPolicy", authorizationPolicies().size());
    putIfAny(m, "ApplicationLoadBalancer", applicationLoadBalancers().size());
    putIfAny(m, "HealthCheckPolicy", healthCheckPolicies().size());
    return m;
  }

  private static void putIfAny(Map<String, Integer> m, String kind, int n) {
    if (n > 0) {
      m.put(kind, n);
    }
  }

  @Override
  public String toString() {
    return "KubernetesCluster" + counts();
  }
}
