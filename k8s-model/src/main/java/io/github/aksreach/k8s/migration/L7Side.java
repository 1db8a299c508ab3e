package io.github.aksreach.k8s.migration;

import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.gateway.BackendShare;
import io.github.aksreach.k8s.gateway.GatewayAnswer;
import io.github.aksreach.k8s.gateway.GatewayDataPlane;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioClientAddress;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.migration.L7Diff.Answer;
import io.github.aksreach.k8s.migration.L7Diff.Piece;
import io.github.aksreach.k8s.migration.L7Diff.Request;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.netpol.NetworkPolicyEvaluator;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxRoute;
import io.github.aksreach.k8s.trace.GatewayOrigin;
import io.github.aksreach.k8s.trace.PodOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One side of an {@link L7Diff}: which front door takes a request for a host (a Gateway whose listener accepts the
 * host, else the ingress-nginx controller that has a server for it, else the first front door there is), and what it
 * answers each source.
 *
 * <ul>
 *   <li>ingress-nginx: the end-to-end graph's answer ({@code check} with host and path) through the controller's
 *   LoadBalancer Service, NGINX's allow-lists and routing included.</li>
 *   <li>Istio Gateway with a frontend address: the end-to-end graph's answer too ({@code check} with host and path
 *   through the gateway Service, kube-proxy, the gateway pod's AuthorizationPolicies and routing, the backends and
 *   their NetworkPolicies; a backend refusing the gateway pod is Envoy's 503). Without a frontend address (a derived
 *   Service Istio has not yet given one), layer 4 is the Service's source ranges and the peer under Cluster the first
 *   node ({@link IstioClientAddress#peer}), then Istio's authorization and the router: not traced.</li>
 * </ul>
 *
 * <pre>{@code
 * L7Side side = L7Side.of(AksReachability.load(dir).get(), GatewayOptions.defaults());
 * side.answer(new L7Diff.Request("demoapi.example.com", "/weatherforecast", 80), IpAddress.of("198.51.100.7"));
 * // ALWAYS via default/simpleapi:8080
 * }</pre>
 */
public final class L7Side {
  private static final int CLIENT_PORT = 50000;
  private static final int PORT = 80;
  private static final int TLS_PORT = 443;
  /** Envoy's answer when it cannot connect to the upstream it chose ("upstream connect error", A4.19). */
  static final int UPSTREAM_CONNECT_FAILURE = 503;

  private final AksReachability analysis;
  private final GatewayOptions options;
  private final List<IstioGateway> gateways;
  private final List<String> notes;
  private final Map<Request, List<Piece>> cache = new LinkedHashMap<>();

  private L7Side(AksReachability analysis, GatewayOptions options) {
    this.analysis = analysis;
    this.options = options;
    this.gateways = IstioGateways.of(analysis.network().kubernetes(), options);
    this.notes = IstioGateways.errors(analysis.network().kubernetes(), options).stream()
        .map(e -> e + ": left out of the comparison").toList();
  }

  /** The Istio Gateways that could not be resolved, and so take no request on this side. */
  public List<String> notes() {
    return notes;
  }

  public static L7Side of(AksReachability analysis, GatewayOptions options) {
    return new L7Side(analysis, options);
  }

  private KubernetesCluster k8s() {
    return analysis.network().kubernetes();
  }

  private List<IngressNginxController> controllers() {
    return analysis.network().controllers().stream().filter(c -> nginxService(c).isPresent()).toList();
  }

  /** Whether the scenario has an ingress-nginx controller behind a LoadBalancer Service, or an Istio Gateway. */
  public boolean hasFrontDoor() {
    return !controllers().isEmpty() || !gateways.isEmpty();
  }

  /**
   * The requests this side's routes declare: every Ingress host and path, and {@code /}, on each of the controller
   * Service's ports 80 and 443 (NGINX terminates TLS on 443 for every host, with the Ingress's certificate or its
   * default one, and routes alike); every HTTPRoute's host and path on its listener's port, HTTP or HTTPS (TLS
   * terminated at the gateway, the listener chosen by SNI, G1.10).
   */
  public List<Request> requests() {
    Set<Request> out = new LinkedHashSet<>();
    for (IngressNginxController c : controllers()) {
      List<Integer> ports = nginxService(c).map(s -> s.ports().stream().map(p -> p.port())
          .filter(p -> p == PORT || p == TLS_PORT).toList()).orElse(List.of());
      for (Ingress ing : analysis.network().router(c).ingresses()) {
        for (IngressRule r : ing.rules()) {
          Optional<String> host = r.host().flatMap(GatewayRequests::concreteHost);
          if (host.isEmpty()) {
            continue;
          }
          for (int port : ports) {
            for (IngressPath p : r.paths()) {
              out.add(new Request(host.get(), p.path().isEmpty() ? "/" : p.path(), port));
            }
            out.add(new Request(host.get(), "/", port));
          }
        }
      }
    }
    for (IstioGateway ig : gateways) {
      for (HttpRequest h : GatewayRequests.of(ig)) {
        out.add(new Request(h.host(), h.path(), h.port()));
      }
    }
    return new ArrayList<>(out);
  }

  /** The front door that takes {@code r}. */
  private Optional<Object> door(Request r) {
    for (IstioGateway ig : gateways) {
      if (ig.router().listenerFor(HttpRequest.get(r.port(), r.host(), r.path())).isPresent()) {
        return Optional.of(ig);
      }
    }
    for (IngressNginxController c : controllers()) {
      if (!analysis.network().router(c).server(Optional.of(r.host())).equals(IngressNginxRouter.DEFAULT_SERVER)) {
        return Optional.of(c);
      }
    }
    return controllers().stream().findFirst().map(c -> (Object) c).or(() -> gateways.stream().findFirst());
  }

  /** The front door's name: {@code ingress-nginx <ns/name>}, {@code gateway <ns/name>}, or {@code none}. */
  public String frontDoor(Request r) {
    return door(r).map(d -> d instanceof IstioGateway ig ? "gateway " + ig.gateway().key()
        : "ingress-nginx " + ((IngressNginxController) d).key()).orElse("none");
  }

  private Optional<Service> nginxService(IngressNginxController c) {
    for (Service s : k8s().services()) {
      if (s.isLoadBalancer() && c.pods().stream().anyMatch(p -> p.namespace().equals(s.namespace())
          && s.selects(p.labels())) && frontend(s).isPresent()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static Optional<IpAddress> frontend(Service s) {
    return s.frontendIps().stream().filter(a -> a.family() == IpFamily.V4).findFirst();
  }

  /** What this side answers {@code client} for {@code r}. */
  public Answer answer(Request r, IpAddress client) {
    for (Piece p : answers(r)) {
      if (p.sources().contains(client)) {
        return p.answer();
      }
    }
    throw new IllegalStateException("the pieces cover every IPv4 address");
  }

  /**
   * Every IPv4 source, in pieces with one answer each (equal answers merged). The pieces come from cutting the source
   * space by the layer-4 reach sets of the front door's frontend (to the proxy pod, and for ingress-nginx also with the
   * request through to the backend), by the NGINX location's allow, deny and block lists, and by every CIDR an
   * AuthorizationPolicy of a gateway pod names; one address decides each piece.
   */
  public synchronized List<Piece> answers(Request r) {
    return cache.computeIfAbsent(r, this::compute);
  }

  /**
   * What this side answers {@code client} for {@code r}, evaluated for that one address (no pieces): what
   * {@link #answer} must agree with for every address of a piece.
   */
  public Answer evaluate(Request r, IpAddress client) {
    return function(r, new ArrayList<>()).apply(client);
  }

  private java.util.function.Function<IpAddress, Answer> function(Request r, List<IpSet> cuts) {
    Optional<Object> d = door(r);
    if (d.isEmpty()) {
      return client -> new Answer(Verdict.Kind.NEVER, List.of(), List.of());
    }
    return d.get() instanceof IstioGateway ig ? gatewayAnswers(ig, r, cuts)
        : nginxAnswers((IngressNginxController) d.get(), r, cuts);
  }

  private List<Piece> compute(Request r) {
    IpSet all = IpSet.all(IpFamily.V4);
    List<IpSet> cuts = new ArrayList<>();
    java.util.function.Function<IpAddress, Answer> f = function(r, cuts);
    Map<Answer, IpSet> merged = new LinkedHashMap<>();
    for (IpSet atom : SourceAtoms.atoms(all, cuts)) {
      merged.merge(f.apply(atom.first().orElseThrow()), atom, IpSet::union);
    }
    List<Piece> out = new ArrayList<>();
    merged.forEach((a, s) -> out.add(new Piece(s, a)));
    return out;
  }

  private static void addReachSets(List<IpSet> cuts, ReachSets s) {
    cuts.add(s.always());
    cuts.add(s.sometimes());
  }

  // ---------------------------------------------------------------- ingress-nginx: the graph

  private java.util.function.Function<IpAddress, Answer> nginxAnswers(IngressNginxController c, Request r,
      List<IpSet> cuts) {
    Service svc = nginxService(c).orElseThrow();
    IpAddress fe = frontend(svc).orElseThrow();
    Destination to = new Destination(fe, r.port(), Protocol.TCP);
    addReachSets(cuts, analysis.reach(to, L7.http(r.host(), r.path()), IpSet.all(IpFamily.V4)).sets());
    // whether some path reaches an NGINX pod at all (and so gets its status) is a layer-4 question
    addReachSets(cuts, analysis.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets());
    IngressNginxRouter router = analysis.network().router(c);
    NginxRoute route = router.route(Optional.of(r.host()), r.path());
    cuts.add(route.access().allowSet());
    cuts.add(route.access().denySet());
    cuts.add(route.access().blockSet());
    List<String> backend = route instanceof NginxRoute.Backend b ? router.backendService(b).flatMap(s -> router
        .backendPort(b).map(p -> s.key() + ":" + p.port())).map(List::of).orElse(List.of()) : List.of();
    return client -> {
      Verdict v = analysis.check(Flow.of(Protocol.TCP, client, CLIENT_PORT, fe, r.port()).withHttp(r.host(),
          r.path())).verdict();
      Set<Integer> statuses = new TreeSet<>();
      for (PathResult p : v.paths()) {
        if (!p.delivered()) {
          p.drop().ifPresent(x -> x.status().ifPresent(statuses::add));
        }
      }
      return new Answer(v.kind(), new ArrayList<>(statuses), v.kind() == Verdict.Kind.NEVER ? List.of() : backend);
    };
  }

  // ---------------------------------------------------------------- Istio Gateway: layer 4 by the graph, then the pod

  /** A share of a source's requests: delivered to a backend, or answered with a status, or dropped (neither). */
  private record Share(double weight, Optional<String> backend, Optional<Integer> status) {}

  private java.util.function.Function<IpAddress, Answer> gatewayAnswers(IstioGateway ig, Request r,
      List<IpSet> cuts) {
    GatewayDataPlane dp = ig.dataPlane();
    Service svc = dp.service();
    HttpRequest req = HttpRequest.get(r.port(), r.host(), r.path());
    for (Pod pod : IstioGateways.pods(ig)) {
      cuts.addAll(GatewayClients.cuts(ig.policiesFor(pod)));
    }
    Optional<IpAddress> fe = frontend(svc);
    boolean traced = dp.serviceOrigin() == GatewayDataPlane.Origin.DUMPED && fe.isPresent();
    if (traced) {
      Destination to = new Destination(fe.get(), r.port(), Protocol.TCP);
      addReachSets(cuts, analysis.reach(to, L7.http(r.host(), r.path()), IpSet.all(IpFamily.V4)).sets());
      addReachSets(cuts, analysis.reach(to, L7.none(), IpSet.all(IpFamily.V4)).sets());
      return graphAnswers(ig, req, fe.get(), r);
    }
    cuts.add(GatewayClients.admittedByService(svc, IpFamily.V4));
    return client -> {
      List<Share> shares = new ArrayList<>();
      if (GatewayClients.admittedByService(svc, IpFamily.V4).contains(client)) {
        Pod pod = IstioGateways.pods(ig).get(0);
        IpAddress peer = svc.externalTrafficPolicy() == TrafficPolicy.LOCAL ? client : k8s().nodes().stream()
            .flatMap(n -> n.internalIps().stream()).findFirst().orElse(client);
        atPod(ig, pod, req, peer, 1.0, shares);
      } else {
        shares.add(new Share(1.0, Optional.empty(), Optional.empty()));
      }
      return summarize(shares);
    };
  }

  /**
   * The answer of the end-to-end graph ({@code check} with host and path, the same engine path as the command): the
   * verdict, the statuses of the paths the gateway answers (403, 404, 3xx, 500, 503), and the backend Services of the
   * delivered paths, named by the route's shares. A path refused by a backend pod's NetworkPolicy after the gateway
   * sent to it is Envoy's 503 to the client (upstream connect failure, A4.19).
   */
  private java.util.function.Function<IpAddress, Answer> graphAnswers(IstioGateway ig, HttpRequest req, IpAddress fe,
      Request r) {
    Map<String, String> backendOf = new LinkedHashMap<>();
    if (ig.router().route(req) instanceof GatewayOutcome.Routed routed) {
      for (BackendShare s : routed.shares()) {
        String backend = s.service().map(Service::key).orElse("?") + ":" + s.port().map(p -> p.port()).orElse(0);
        for (ServiceEndpoint e : s.readyEndpoints()) {
          backendOf.putIfAbsent(e.address() + ":" + e.port(), backend);
        }
      }
    }
    return client -> {
      Verdict v = analysis.check(Flow.of(Protocol.TCP, client, CLIENT_PORT, fe, r.port()).withHttp(r.host(),
          r.path())).verdict();
      Set<Integer> statuses = new TreeSet<>();
      Set<String> backends = new TreeSet<>();
      for (PathResult p : v.paths()) {
        if (p.delivered()) {
          p.deliveredTo().filter(o -> o instanceof PodOrigin).map(o -> (PodOrigin) o)
              .flatMap(o -> o.address().map(a -> a + ":" + o.port())).map(backendOf::get).ifPresent(backends::add);
          continue;
        }
        p.drop().ifPresent(d -> {
          if (d.status().isPresent()) {
            statuses.add(d.status().getAsInt());
          } else if (sentUpstream(p)) {
            statuses.add(UPSTREAM_CONNECT_FAILURE);
          }
        });
      }
      return new Answer(v.kind(), new ArrayList<>(statuses), new ArrayList<>(backends));
    };
  }

  /**
   * Whether {@code p} was dropped after Envoy chose an upstream (a hop at the gateway's BACKENDS stage comes before
   * the drop): whatever refuses it there (the gateway pod's egress or the backend pod's ingress NetworkPolicy, an NSG
   * between the nodes, no route to the pod) is a connection Envoy cannot open, answered 503 to the client (A4.19).
   * A drop before that stage (an NSG, the LB, kube-proxy, a NetworkPolicy on the gateway pod) never reaches Envoy and
   * gets no status.
   */
  static boolean sentUpstream(PathResult p) {
    return p.hops().stream().anyMatch(h -> h.origin() instanceof GatewayOrigin g
        && g.stage() == GatewayOrigin.Stage.BACKENDS);
  }

  private void atPod(IstioGateway ig, Pod pod, HttpRequest req, IpAddress peer, double w, List<Share> out) {
    Optional<GatewayAnswer> a = ig.answer(pod, req, peer).toJavaOptional();
    if (a.isEmpty()) {
      out.add(new Share(w, Optional.empty(), Optional.empty()));
      return;
    }
    Optional<Integer> status = a.get().status();
    GatewayOutcome o = a.get().outcome().orElse(null);
    if (!(o instanceof GatewayOutcome.Routed routed)) {
      out.add(new Share(w, Optional.empty(), status));
      return;
    }
    for (BackendShare s : routed.shares()) {
      double sw = w * s.fraction();
      if (!s.forwarded()) {
        out.add(new Share(sw, Optional.empty(), Optional.of(s.failureStatus().getAsInt())));
        continue;
      }
      String backend = s.service().map(Service::key).orElse("?") + ":" + s.port().map(p -> p.port()).orElse(0);
      List<ServiceEndpoint> eps = s.readyEndpoints();
      for (ServiceEndpoint e : eps) {
        Optional<Pod> target = e.targetRef().flatMap(t -> k8s().pod(t.namespace(), t.name()))
            .or(() -> k8s().podByIp(e.address()));
        boolean admitted = !analysis.network().enforcesNetworkPolicy() || pod.podIps().isEmpty() || target.isEmpty()
            || NetworkPolicyEvaluator.allowsIngress(k8s(), pod.podIps().get(0), target.get(), Protocol.TCP,
            e.port());
        out.add(admitted ? new Share(sw / eps.size(), Optional.of(backend), Optional.empty())
            : new Share(sw / eps.size(), Optional.empty(), Optional.of(UPSTREAM_CONNECT_FAILURE)));
      }
    }
  }

  private static Answer summarize(List<Share> shares) {
    double delivered = 0;
    Set<Integer> statuses = new TreeSet<>();
    Set<String> backends = new TreeSet<>();
    for (Share s : shares) {
      if (s.weight() <= 0) {
        continue;
      }
      if (s.backend().isPresent()) {
        delivered += s.weight();
        backends.add(s.backend().get());
      }
      s.status().ifPresent(statuses::add);
    }
    Verdict.Kind k = delivered >= 1 - 1e-9 ? Verdict.Kind.ALWAYS : delivered <= 1e-9 ? Verdict.Kind.NEVER
        : Verdict.Kind.SOMETIMES;
    return new Answer(k, new ArrayList<>(statuses), new ArrayList<>(backends));
  }
}
