package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GrpcRoute;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ValueMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Routes one HTTP request through one Gateway, spec-exact (DOMAIN-GATEWAY sections 1.2, 2): listener by port, then
 * by hostname (exact, longest wildcard, none); the attached HTTPRoutes of that listener whose intersected hostname
 * serves the Host (Istio: only the most specific one, R2.10); the winning match by the precedence of section 2.4;
 * then a redirect, or the weighted backends with their 500/503 shares, or 404/500.
 *
 * <pre>{@code
 * GatewayRouter router = GatewayRouter.of(cluster, gateway, GatewayOptions.defaults());
 * router.route(HttpRequest.get(80, "www.example.com", "/v2/x"));   // Routed[... rule 1 ...]
 * router.route(HttpRequest.get(80, "unknown.example.org", "/"));    // Answered[404, no listener hostname ...]
 * router.listenerFor(HttpRequest.get(80, "a.example.com", "/"));    // Optional[ListenerStatus *.example.com]
 * }</pre>
 *
 * <p>The precedence across every candidate match (R2.21 for regular expressions, which the spec leaves to the
 * implementation): Exact path, then PathPrefix, then RegularExpression; longer path value (a prefix without its
 * trailing slash); a method match; more header matches; more query matches; the older route; the route first by
 * {@code namespace/name}; the earlier rule.
 */
public final class GatewayRouter {
  private final Gateway gateway;
  private final GatewayOptions options;
  private final RouteAttachments attachments;
  private final BackendResolver backends;

  private GatewayRouter(KubernetesCluster cluster, Gateway gateway, GatewayOptions options) {
    this.gateway = gateway;
    this.options = options;
    this.attachments = RouteAttachments.of(cluster, gateway, options);
    this.backends = new BackendResolver(cluster);
  }

  public static GatewayRouter of(KubernetesCluster cluster, Gateway gateway, GatewayOptions options) {
    return new GatewayRouter(cluster, gateway, options);
  }

  public RouteAttachments attachments() {
    return attachments;
  }

  public Gateway gateway() {
    return gateway;
  }

  /** A candidate match: one match of one rule of one attached route. */
  private record Candidate(RouteAttachments.Attachment attachment, HttpRoute route, int ruleIndex,
      HttpRoute.Match match, long hostSpecificity) {}

  /** The usable HTTP(S) listeners on the request's port whose hostname matches its Host, most specific first. */
  private List<RouteAttachments.ListenerStatus> matchingListeners(int port, String host) {
    return attachments.listeners().stream()
        .filter(l -> l.usable() && l.listener().isHttp() && l.listener().port() == port)
        .filter(l -> Hostnames.matches(l.listener().hostname().orElse(Hostnames.ANY), host))
        .sorted(Comparator.comparingLong((RouteAttachments.ListenerStatus l) -> -Hostnames.specificity(
            l.listener().hostname().orElse(Hostnames.ANY))))
        .toList();
  }

  /** The listener that takes the request (G1.8 step 3), if any. */
  public Optional<RouteAttachments.ListenerStatus> listenerFor(HttpRequest request) {
    return matchingListeners(request.port(), Hostnames.hostOf(request.host())).stream().findFirst();
  }

  /** How {@link GatewayOutcome.TlsRefused#sni()} names a ClientHello without a server name. */
  public static final String NO_SNI = "(none)";

  /**
   * Whether the request's port is a TLS-terminating one: its usable HTTP(S) listeners are HTTPS (G1.5: port 443,
   * HTTPS, Terminate). A client then opens TLS first, and the listener is chosen by SNI before the Host is read.
   */
  public boolean terminatesTls(int port) {
    List<RouteAttachments.ListenerStatus> on = attachments.listeners().stream()
        .filter(l -> l.usable() && l.listener().isHttp() && l.listener().port() == port).toList();
    return !on.isEmpty() && on.stream().allMatch(l -> l.listener().protocol().equals("HTTPS"));
  }

  /**
   * The SNI a client sends for {@code host} when the request does not say: the Host's name (what {@code curl} and
   * browsers send), none for an IP literal (RFC 6066 3: "Literal IPv4 and IPv6 addresses are not permitted"), as
   * an Azure LB probe or a client addressing the frontend by IP.
   */
  static Optional<String> clientSni(String host) {
    if (host.isEmpty() || host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.contains(":")
        || host.startsWith("[")) {
      return Optional.empty();
    }
    return Optional.of(host);
  }

  /**
   * What the gateway does with {@code request}. On a TLS-terminating port ({@link #terminatesTls}) the SNI chooses
   * the HTTPS listener first (G1.8 step 3, G1.10): the request's own SNI, else {@link #clientSni the Host's name};
   * a name no HTTPS listener on the port accepts, or no name where every listener has a hostname, fails the TLS
   * handshake ({@link GatewayOutcome.TlsRefused}); then Host and SNI must agree on the listener (421 option).
   */
  public GatewayOutcome route(HttpRequest request) {
    String host = Hostnames.hostOf(request.host());
    boolean anyOnPort = attachments.listeners().stream().anyMatch(l -> l.usable() && l.listener().isHttp()
        && l.listener().port() == request.port());
    if (!anyOnPort) {
      return new GatewayOutcome.NoListener(request.port());
    }
    List<RouteAttachments.ListenerStatus> byHost = matchingListeners(request.port(), host);
    Optional<String> sni = terminatesTls(request.port()) ? request.sni().or(() -> clientSni(host)) : request.sni();
    if (terminatesTls(request.port()) && sni.isEmpty()) {
      // no server name: only an HTTPS listener without a hostname has a filter chain for it (G1.10)
      if (attachments.listeners().stream().noneMatch(l -> l.usable() && l.listener().port() == request.port()
          && l.listener().protocol().equals("HTTPS") && l.listener().hostname().isEmpty())) {
        return new GatewayOutcome.TlsRefused(NO_SNI, options.unmatchedSni());
      }
    }
    if (sni.isPresent()) {
      List<RouteAttachments.ListenerStatus> bySni = matchingListeners(request.port(), sni.get()).stream()
          .filter(l -> l.listener().protocol().equals("HTTPS")).toList();
      if (bySni.isEmpty()) {
        return new GatewayOutcome.TlsRefused(sni.get(), options.unmatchedSni());
      }
      if (!byHost.isEmpty() && !bySni.get(0).equals(byHost.get(0))) {
        switch (options.misdirectedRequests()) {
          case MISDIRECTED:
            return new GatewayOutcome.Answered(Optional.of(bySni.get(0).listener()), 421,
                "Host " + host + " belongs to listener " + byHost.get(0).listener().name() + ", SNI to "
                    + bySni.get(0).listener().name());
          case NOT_FOUND:
            return new GatewayOutcome.Answered(Optional.of(bySni.get(0).listener()), 404,
                "Host and SNI select different listeners");
          default:
            break;
        }
      }
    }
    if (byHost.isEmpty()) {
      return new GatewayOutcome.Answered(Optional.empty(), 404, "no listener on port " + request.port()
          + " accepts host " + host);
    }
    List<RouteAttachments.ListenerStatus> used = options.listenerIsolation() ? byHost.subList(0, 1) : byHost;
    Optional<Candidate> winner = candidates(used, host).stream().filter(c -> matches(c.match(), request))
        .min(precedence());
    Gateway.Listener listener = byHost.get(0).listener();
    if (winner.isEmpty()) {
      return new GatewayOutcome.Answered(Optional.of(listener), 404, "no route rule of listener "
          + listener.name() + " matches " + request.method() + " " + host + request.path());
    }
    return outcome(winner.get(), request, host);
  }

  /** An attached route serving the Host, with the specificity of its best matching intersected hostname. */
  private record Serving(RouteAttachments.Attachment attachment, long hostSpecificity) {}

  /**
   * The attachments of {@code kind} on {@code listeners} whose intersected hostnames serve {@code host}; with
   * {@link GatewayOptions.VirtualHosts#MOST_SPECIFIC_HOSTNAME} only those of the most specific hostname (R2.10).
   */
  private List<Serving> serving(List<RouteAttachments.ListenerStatus> listeners, String host, Class<?> kind) {
    List<Serving> out = new ArrayList<>();
    for (RouteAttachments.ListenerStatus l : listeners) {
      for (RouteAttachments.Attachment a : l.attached()) {
        Optional<String> best = a.hostnames().stream().filter(h -> Hostnames.matches(h, host))
            .max(Comparator.comparingLong(Hostnames::specificity));
        if (kind.isInstance(a.route()) && best.isPresent()) {
          out.add(new Serving(a, Hostnames.specificity(best.get())));
        }
      }
    }
    if (options.virtualHosts() == GatewayOptions.VirtualHosts.MOST_SPECIFIC_HOSTNAME && !out.isEmpty()) {
      long top = out.stream().mapToLong(Serving::hostSpecificity).max().getAsLong();
      out.removeIf(c -> c.hostSpecificity() != top);
    }
    return out;
  }

  private List<Candidate> candidates(List<RouteAttachments.ListenerStatus> listeners, String host) {
    List<Candidate> out = new ArrayList<>();
    for (Serving s : serving(listeners, host, HttpRoute.class)) {
      HttpRoute route = (HttpRoute) s.attachment().route();
      for (int i = 0; i < route.rules().size(); i++) {
        for (HttpRoute.Match m : route.rules().get(i).effectiveMatches()) {
          out.add(new Candidate(s.attachment(), route, i, m, s.hostSpecificity()));
        }
      }
    }
    return out;
  }

  private static int pathRank(HttpRoute.PathMatch p) {
    switch (p.type()) {
      case EXACT:
        return 3;
      case PATH_PREFIX:
        return 2;
      default:
        return 1;
    }
  }

  /** The path value's length, a prefix without its trailing slash (R2.14, R2.21). */
  private static int pathLength(HttpRoute.PathMatch p) {
    return p.type() == HttpRoute.PathType.PATH_PREFIX ? trimSlash(p.value()).length() : p.value().length();
  }

  private static String trimSlash(String prefix) {
    return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private static List<ValueMatch> firstByName(List<ValueMatch> headers) {
    Set<String> seen = new HashSet<>();
    return headers.stream().filter(h -> seen.add(h.name().toLowerCase(Locale.ROOT))).toList();
  }

  /** Section 2.4 as a comparator: the smallest candidate wins. */
  private Comparator<Candidate> precedence() {
    Comparator<Candidate> c = Comparator.comparingLong(x -> 0L);
    if (options.virtualHosts() == GatewayOptions.VirtualHosts.FALL_THROUGH) {
      c = Comparator.comparingLong(x -> -x.hostSpecificity());
    }
    return c.thenComparingInt((Candidate x) -> -pathRank(x.match().path()))
        .thenComparingInt(x -> -pathLength(x.match().path()))
        .thenComparingInt(x -> x.match().method().isPresent() ? 0 : 1)
        .thenComparingInt(x -> -firstByName(x.match().headers()).size())
        .thenComparingInt(x -> -x.match().queryParams().size())
        .thenComparing(x -> x.route().creationTimestamp().orElse(Instant.MIN))
        .thenComparing(x -> x.route().key())
        .thenComparingInt(Candidate::ruleIndex);
  }

  /** Whether a request satisfies every field of a match (R2.13-R2.17). */
  boolean matches(HttpRoute.Match m, HttpRequest r) {
    if (!pathMatches(m.path(), r.pathOnly())) {
      return false;
    }
    if (m.method().isPresent() && !m.method().get().equals(r.method())) {
      return false;
    }
    for (ValueMatch h : firstByName(m.headers())) {
      Optional<String> v = r.header(h.name());
      if (v.isEmpty() || !h.matchesValue(v.get())) {
        return false;
      }
    }
    for (ValueMatch q : m.queryParams()) {
      Optional<String> v = r.queryParam(q.name());
      if (v.isEmpty() || !q.matchesValue(v.get())) {
        return false;
      }
    }
    return true;
  }

  private boolean pathMatches(HttpRoute.PathMatch p, String path) {
    switch (p.type()) {
      case EXACT:
        return path.equals(p.value());
      case PATH_PREFIX: {
        String prefix = trimSlash(p.value());
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
      }
      default: {
        java.util.regex.Matcher m = Pattern.compile(p.value()).matcher(path);
        return options.regexAnchoring() == GatewayOptions.RegexAnchoring.FULL_MATCH ? m.matches() : m.lookingAt();
      }
    }
  }

  /** A gRPC candidate: one match of one rule of one attached GRPCRoute. */
  private record GrpcCandidate(Serving serving, GrpcRoute route, int ruleIndex, GrpcRoute.Match match) {}

  /**
   * What the gateway does with a gRPC call {@code /service/method} (R2.35): like {@link #route} but among the
   * GRPCRoutes only (the spec forbids merging them with HTTPRoutes), precedence: hostname, then the longer service,
   * the longer method, more header matches, the older route, {@code namespace/name}, the earlier rule. No match is
   * HTTP 404, which gRPC clients see as {@code UNIMPLEMENTED}.
   */
  public GatewayOutcome routeGrpc(HttpRequest request, String service, String method) {
    String host = Hostnames.hostOf(request.host());
    if (attachments.listeners().stream().noneMatch(l -> l.usable() && l.listener().isHttp()
        && l.listener().port() == request.port())) {
      return new GatewayOutcome.NoListener(request.port());
    }
    List<RouteAttachments.ListenerStatus> byHost = matchingListeners(request.port(), host);
    if (byHost.isEmpty()) {
      return new GatewayOutcome.Answered(Optional.empty(), 404, "no listener accepts host " + host
          + " (gRPC UNIMPLEMENTED)");
    }
    List<GrpcCandidate> cands = new ArrayList<>();
    for (Serving s : serving(options.listenerIsolation() ? byHost.subList(0, 1) : byHost, host, GrpcRoute.class)) {
      GrpcRoute route = (GrpcRoute) s.attachment().route();
      for (int i = 0; i < route.rules().size(); i++) {
        List<GrpcRoute.Match> ms = route.rules().get(i).matches().isEmpty()
            ? List.of(new GrpcRoute.Match(Optional.empty(), List.of())) : route.rules().get(i).matches();
        for (GrpcRoute.Match m : ms) {
          if (grpcMatches(m, request, service, method)) {
            cands.add(new GrpcCandidate(s, route, i, m));
          }
        }
      }
    }
    Comparator<GrpcCandidate> order = Comparator.comparingLong((GrpcCandidate c) ->
        options.virtualHosts() == GatewayOptions.VirtualHosts.FALL_THROUGH ? -c.serving().hostSpecificity() : 0L)
        .thenComparingInt(c -> -c.match().method().flatMap(GrpcRoute.MethodMatch::service).map(String::length)
            .orElse(0))
        .thenComparingInt(c -> -c.match().method().flatMap(GrpcRoute.MethodMatch::method).map(String::length)
            .orElse(0))
        .thenComparingInt(c -> -firstByName(c.match().headers()).size())
        .thenComparing(c -> c.route().creationTimestamp().orElse(Instant.MIN))
        .thenComparing(c -> c.route().key())
        .thenComparingInt(GrpcCandidate::ruleIndex);
    Optional<GrpcCandidate> winner = cands.stream().min(order);
    if (winner.isEmpty()) {
      return new GatewayOutcome.Answered(Optional.of(byHost.get(0).listener()), 404, "no GRPCRoute rule matches /"
          + service + "/" + method + " (gRPC UNIMPLEMENTED)");
    }
    GrpcCandidate w = winner.get();
    List<BackendShare> shares = backends.shares(w.route(), w.route().rules().get(w.ruleIndex()).backendRefs());
    if (shares.isEmpty()) {
      return new GatewayOutcome.Answered(Optional.of(w.serving().attachment().listener()), 500, "rule "
          + w.ruleIndex() + " of " + w.route() + " has no backend with a positive weight");
    }
    return new GatewayOutcome.Routed(w.serving().attachment().listener(), w.route(), w.ruleIndex(),
        w.match().toString(), shares, Optional.empty(), Optional.empty(), List.of());
  }

  private boolean grpcMatches(GrpcRoute.Match m, HttpRequest r, String service, String method) {
    if (m.method().isPresent()) {
      GrpcRoute.MethodMatch mm = m.method().get();
      boolean exact = mm.type() == ValueMatch.Type.EXACT;
      if (mm.service().filter(s -> exact ? !s.equals(service) : !Pattern.compile(s).matcher(service).matches())
          .isPresent() || mm.method().filter(x -> exact ? !x.equals(method)
          : !Pattern.compile(x).matcher(method).matches()).isPresent()) {
        return false;
      }
    }
    return firstByName(m.headers()).stream().allMatch(h -> r.header(h.name()).map(h::matchesValue).orElse(false));
  }

  private GatewayOutcome outcome(Candidate c, HttpRequest request, String host) {
    HttpRoute.Rule rule = c.route().rules().get(c.ruleIndex());
    Gateway.Listener listener = c.attachment().listener();
    Optional<HttpRoute.Redirect> redirect = rule.redirect();
    if (redirect.isPresent()) {
      HttpRoute.Redirect r = redirect.get();
      return new GatewayOutcome.Redirected(listener, c.route(), c.ruleIndex(), r.statusCode(),
          Redirects.location(r, listener, request, host, c.match().path()));
    }
    List<BackendShare> shares = backends.shares(c.route(), rule.backendRefs());
    if (shares.isEmpty()) {
      return new GatewayOutcome.Answered(Optional.of(listener), 500, "rule " + c.ruleIndex() + " of "
          + c.route() + " has no backend with a positive weight");
    }
    Optional<String> path = rule.rewrite().flatMap(HttpRoute.Rewrite::path)
        .map(m -> Redirects.modifyPath(m, request.pathOnly(), c.match().path()));
    Optional<String> newHost = rule.rewrite().flatMap(HttpRoute.Rewrite::hostname);
    List<BackendRef> mirrors = rule.filters().stream().flatMap(f -> f.mirror().stream()).toList();
    return new GatewayOutcome.Routed(listener, c.route(), c.ruleIndex(), c.match().toString(), shares, path,
        newHost, mirrors);
  }
}
