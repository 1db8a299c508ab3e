package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ingress-nginx's host and path routing (DOMAIN 5) over the Ingresses one controller serves.
 *
 * <pre>{@code
 * IngressNginxRouter router = IngressNginxRouter.of(cluster, ctl, ctl.config(cluster), NginxOptions.defaults());
 * router.route(Optional.of("demoapi.eyskens.corp"), "/weatherforecast/today");   // Backend simpleapi:8080
 * router.route(Optional.of("demoapi.eyskens.corp"), "/other");                   // NotFound (404)
 * router.route(Optional.of("192.168.0.22"), "/healthz");                         // Healthz (200)
 * router.upstreams((NginxRoute.Backend) r);   // the pod endpoints NGINX proxies to
 * }</pre>
 *
 * <p>Servers: one per rule host (case-insensitive), and the default server {@code _} for rules without host and for
 * requests whose Host matches no server (no Host, an IP address, an unknown name). A Host matches a server exactly,
 * else the longest wildcard ({@code *.example.com}, nginx semantics: any deeper name). Within a server:
 * <ul>
 *   <li>{@code Exact} paths match the request path exactly and win over every prefix;</li>
 *   <li>{@code Prefix} matches whole path elements ({@code /foo} matches {@code /foo}, {@code /foo/} and
 *       {@code /foo/bar}, not {@code /foobar}; a trailing slash in the rule is ignored);</li>
 *   <li>{@code ImplementationSpecific} is treated as a prefix: by default nginx's character prefix
 *       ({@link NginxOptions#implementationSpecificMatch()});</li>
 *   <li>the longest matching path wins; on a tie Prefix beats ImplementationSpecific, then the oldest Ingress;</li>
 *   <li>the default server also has the controller's {@code /healthz} location (a character prefix, 200);</li>
 *   <li>nothing matches: the server's root location, which is the {@code defaultBackend} of the (oldest) Ingress that
 *       defined the server if it has one, or, on the default server, of an Ingress without rules; else the default
 *       backend, 404.</li>
 * </ul>
 * A query string ({@code ?...}) is not part of the path.
 */
public final class IngressNginxRouter {
  /** The default server's name. */
  public static final String DEFAULT_SERVER = "_";

  private final KubernetesCluster cluster;
  private final IngressNginxController controller;
  private final IngressNginxConfig config;
  private final NginxOptions options;
  private final List<Ingress> ingresses;
  private final Map<String, List<Location>> servers = new LinkedHashMap<>();
  private final Map<String, Ingress> owners = new LinkedHashMap<>();
  private final Optional<Ingress> catchAll;

  private record Location(Ingress ingress, IngressPath path, int order) {}

  private IngressNginxRouter(KubernetesCluster cluster, IngressNginxController controller, IngressNginxConfig config,
      NginxOptions options) {
    this.cluster = cluster;
    this.controller = controller;
    this.config = config;
    this.options = options;
    this.ingresses = controller.ingresses(cluster);
    servers.put(DEFAULT_SERVER, new ArrayList<>());
    Optional<Ingress> all = Optional.empty();
    int order = 0;
    for (Ingress ing : ingresses) {
      if (ing.rules().isEmpty() && ing.defaultBackend().isPresent() && all.isEmpty()) {
        all = Optional.of(ing);
      }
      for (IngressRule r : ing.rules()) {
        String host = r.host().map(h -> h.toLowerCase(Locale.ROOT)).orElse(DEFAULT_SERVER);
        servers.computeIfAbsent(host, h -> new ArrayList<>());
        owners.putIfAbsent(host, ing);
        for (IngressPath p : r.paths()) {
          servers.get(host).add(new Location(ing, p, order++));
        }
      }
    }
    this.catchAll = all;
  }

  public static IngressNginxRouter of(KubernetesCluster cluster, IngressNginxController controller,
      IngressNginxConfig config, NginxOptions options) {
    return new IngressNginxRouter(cluster, controller, config, options);
  }

  /** The Ingresses this router serves, oldest first. */
  public List<Ingress> ingresses() {
    return ingresses;
  }

  /** The server names (hosts), the default server {@code _} first. */
  public List<String> servers() {
    return List.copyOf(servers.keySet());
  }

  public IngressNginxController controller() {
    return controller;
  }

  public IngressNginxConfig config() {
    return config;
  }

  /** What a wildcard server name's {@code *} stands for: exactly one DNS label (R2.11: {@code [\w-]+}). */
  private static final java.util.regex.Pattern ONE_LABEL = java.util.regex.Pattern.compile("[\\w-]+");

  /**
   * The server a Host header selects: an exact server name, else the longest wildcard {@code *.suffix} whose
   * {@code *} covers exactly one label (ingress-nginx renders it as {@code ~^(?<subdomain>[\w-]+)\.suffix$},
   * DOMAIN-GATEWAY R2.11), else the default server.
   */
  public String server(Optional<String> host) {
    if (host.isEmpty() || host.get().isBlank()) {
      return DEFAULT_SERVER;
    }
    String h = host.get().trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      return DEFAULT_SERVER;
    }
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(':') == colon) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (servers.containsKey(h) && !h.equals(DEFAULT_SERVER)) {
      return h;
    }
    String best = DEFAULT_SERVER;
    for (String s : servers.keySet()) {
      if (s.startsWith("*.") && h.endsWith(s.substring(1)) && ONE_LABEL.matcher(h.substring(0, h.length()
          - s.length() + 1)).matches() && (best.equals(DEFAULT_SERVER) || s.length() > best.length())) {
        best = s;
      }
    }
    return best;
  }

  /** Where a request goes. */
  public NginxRoute route(Optional<String> host, String path) {
    String server = server(host);
    String p = path == null || path.isEmpty() ? "/" : path;
    int q = p.indexOf('?');
    if (q >= 0) {
      p = p.substring(0, q);
    }
    int hash = p.indexOf('#');
    if (hash >= 0) {
      p = p.substring(0, hash);
    }
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    Location best = null;
    int bestLen = -1;
    boolean bestExact = false;
    for (Location l : servers.get(server)) {
      PathType t = l.path().pathType();
      String rp = l.path().path();
      if (t == PathType.EXACT) {
        if (rp.equals(p) && (!bestExact || l.order() < best.order())) {
          best = l;
          bestExact = true;
        }
        continue;
      }
      if (bestExact) {
        continue;
      }
      int len = prefixMatch(t, rp, p);
      if (len < 0) {
        continue;
      }
      if (len > bestLen || (len == bestLen && best != null && preferOnTie(l, best))) {
        best = l;
        bestLen = len;
      }
    }
    if (server.equals(DEFAULT_SERVER) && !bestExact) {
      String hz = controller.healthCheckPath();
      if (p.startsWith(hz) && hz.length() > bestLen) {
        return new NginxRoute.Healthz(server, hz, NginxAccessPolicy.open());
      }
    }
    if (best != null) {
      return new NginxRoute.Backend(server, best.ingress(), best.path().path(), best.path().pathType(),
          best.path().backend(), false, access(Optional.of(best.ingress())));
    }
    Optional<Ingress> owner = server.equals(DEFAULT_SERVER) ? catchAll : Optional.ofNullable(owners.get(server));
    Optional<Ingress> withDefault = Optional.empty();
    if (server.equals(DEFAULT_SERVER)) {
      withDefault = catchAll;
    } else {
      for (Ingress ing : ingresses) {
        boolean definesServer = ing.rules().stream()
            .anyMatch(r -> r.host().map(h -> h.toLowerCase(Locale.ROOT)).orElse(DEFAULT_SERVER).equals(server));
        if (definesServer && ing.defaultBackend().isPresent()) {
          withDefault = Optional.of(ing);
          break;
        }
      }
    }
    if (withDefault.isPresent()) {
      Ingress ing = withDefault.get();
      return new NginxRoute.Backend(server, ing, "/", PathType.PREFIX, ing.defaultBackend().get(), true,
          access(Optional.of(ing)));
    }
    return new NginxRoute.NotFound(server, owner, access(owner));
  }

  private NginxAccessPolicy access(Optional<Ingress> ing) {
    return NginxAccessPolicy.forIngress(ing, config, controller.annotationsPrefix(), options);
  }

  private static boolean preferOnTie(Location l, Location best) {
    if (l.path().pathType() != best.path().pathType()) {
      return l.path().pathType() == PathType.PREFIX;
    }
    return l.order() < best.order();
  }

  /** The length of the matched prefix, or -1. */
  private int prefixMatch(PathType t, String rule, String path) {
    boolean character = t == PathType.IMPLEMENTATION_SPECIFIC
        && options.implementationSpecificMatch() == NginxOptions.ImplementationSpecificMatch.CHARACTER_PREFIX;
    if (character) {
      return path.startsWith(rule) ? rule.length() : -1;
    }
    String r = rule;
    while (r.length() > 1 && r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    if (r.equals("/")) {
      return 1;
    }
    if (path.equals(r) || path.startsWith(r + "/")) {
      return r.length();
    }
    return -1;
  }

  /** The Service a backend route points to, if it exists in the dump. */
  public Optional<Service> backendService(NginxRoute.Backend route) {
    return route.backend().serviceName().flatMap(n -> cluster.service(route.ingress().namespace(), n));
  }

  /** The Service port a backend route points to. */
  public Optional<ServicePort> backendPort(NginxRoute.Backend route) {
    return backendService(route).flatMap(s -> route.backend().servicePort().flatMap(s::port));
  }

  /**
   * One address NGINX proxies to.
   *
   * @param address the pod (or cluster) IP
   * @param port the port
   * @param endpoint the endpoint it comes from (empty for a cluster IP with {@code service-upstream})
   */
  public record Upstream(IpAddress address, int port, Optional<ServiceEndpoint> endpoint) {}

  /**
   * The upstreams of a backend route: the ready endpoints of the Service port (NGINX proxies to pod endpoints
   * directly), or its cluster IP and port when {@code service-upstream} is on (ConfigMap or the Ingress annotation).
   * Empty when the Service, port or endpoints are missing (NGINX then answers 503).
   */
  public List<Upstream> upstreams(NginxRoute.Backend route) {
    Optional<Service> svc = backendService(route);
    Optional<ServicePort> port = backendPort(route);
    if (svc.isEmpty() || port.isEmpty()) {
      return List.of();
    }
    String ann = route.ingress().annotations().get(controller.annotationsPrefix() + "/service-upstream");
    boolean serviceUpstream = ann != null ? ann.trim().equals("true") : config.serviceUpstream();
    List<Upstream> out = new ArrayList<>();
    if (serviceUpstream) {
      for (IpAddress ip : svc.get().clusterIps()) {
        out.add(new Upstream(ip, port.get().port(), Optional.empty()));
      }
      return out;
    }
    for (ServiceEndpoint e : cluster.endpointsOf(svc.get(), port.get())) {
      if (e.ready()) {
        out.add(new Upstream(e.address(), e.port(), Optional.of(e)));
      }
    }
    return out;
  }

  /** Convenience: the backend reference of a route, if it routes to a Service. */
  public static Optional<IngressBackend> backendOf(NginxRoute r) {
    return r instanceof NginxRoute.Backend ? Optional.of(((NginxRoute.Backend) r).backend()) : Optional.empty();
  }
}
