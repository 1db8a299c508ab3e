package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayRoute;
import io.github.aksreach.k8s.model.GrpcRoute;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.ParentRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which routes attach to which listener of one Gateway, with the status conditions a conformant controller reports
 * (G1.6, G1.11-G1.14, R2.2-R2.8, R2.35): listener {@code Accepted}/{@code Conflicted}, route {@code Accepted} with
 * reason {@code NoMatchingParent}, {@code NotAllowedByListeners} or {@code NoMatchingListenerHostname}.
 *
 * <pre>{@code
 * RouteAttachments a = RouteAttachments.of(cluster, gateway, GatewayOptions.defaults());
 * a.listener("http").orElseThrow().attached();   // [Attachment[route=HTTPRoute app/web, hostnames=[www.example.com]]]
 * a.routeStatuses();                              // [app/web -> Gateway infra/web: Accepted]
 * }</pre>
 */
public final class RouteAttachments {
  /**
   * A route attached to a listener, with the intersected hostnames it serves there (R2.6, R2.7).
   *
   * @param route the route
   * @param listener the listener
   * @param hostnames the intersected hostnames ({@value Hostnames#ANY} for every host)
   */
  public record Attachment(GatewayRoute route, Gateway.Listener listener, List<String> hostnames) {
    public Attachment {
      hostnames = List.copyOf(hostnames);
    }

    @Override
    public String toString() {
      return route + " on " + listener.name() + " " + hostnames;
    }
  }

  /**
   * One listener's state.
   *
   * @param listener the listener
   * @param accepted whether the implementation programs it
   * @param conflicted whether it conflicts with another listener (G1.6; its port is then not configured)
   * @param reason why it is not accepted or conflicted, or a note (invalid route kinds)
   * @param attached the routes attached to it ({@code status.listeners[].attachedRoutes} is their number)
   */
  public record ListenerStatus(Gateway.Listener listener, boolean accepted, boolean conflicted,
      Optional<String> reason, List<Attachment> attached) {
    public ListenerStatus {
      attached = List.copyOf(attached);
    }

    /** Whether requests can be served by this listener. */
    public boolean usable() {
      return accepted && !conflicted;
    }
  }

  /**
   * A route's status for one of its parentRefs that names this Gateway.
   *
   * @param route the route
   * @param parent the parentRef
   * @param accepted {@code Accepted}
   * @param reason {@code Accepted}, {@code NoMatchingParent}, {@code NotAllowedByListeners},
   *     {@code NoMatchingListenerHostname} or {@code Conflicted}
   */
  public record RouteStatus(GatewayRoute route, ParentRef parent, boolean accepted, String reason) {
    @Override
    public String toString() {
      return route.key() + " -> " + parent + ": " + (accepted ? "Accepted" : "not accepted, " + reason);
    }
  }

  private static final Set<String> ISTIO_PROTOCOLS = Set.of("HTTP", "HTTPS", "TLS", "TCP");

  private final Gateway gateway;
  private final List<ListenerStatus> listeners;
  private final List<RouteStatus> routeStatuses;

  private RouteAttachments(Gateway gateway, List<ListenerStatus> listeners, List<RouteStatus> routeStatuses) {
    this.gateway = gateway;
    this.listeners = List.copyOf(listeners);
    this.routeStatuses = List.copyOf(routeStatuses);
  }

  public Gateway gateway() {
    return gateway;
  }

  public List<ListenerStatus> listeners() {
    return listeners;
  }

  public Optional<ListenerStatus> listener(String name) {
    return listeners.stream().filter(l -> l.listener().name().equals(name)).findFirst();
  }

  /** Every parentRef of every route that names this Gateway, with its acceptance. */
  public List<RouteStatus> routeStatuses() {
    return routeStatuses;
  }

  /** The statuses of one route. */
  public List<RouteStatus> statusOf(GatewayRoute route) {
    return routeStatuses.stream().filter(s -> s.route().equals(route)).toList();
  }

  /** Computes the attachments of every HTTPRoute and GRPCRoute of {@code cluster} to {@code gateway}. */
  public static RouteAttachments of(KubernetesCluster cluster, Gateway gateway, GatewayOptions options) {
    Map<Gateway.Listener, String> conflicts = conflicts(gateway);
    Map<Gateway.Listener, List<Attachment>> attached = new HashMap<>();
    List<RouteStatus> statuses = new ArrayList<>();
    for (GatewayRoute route : cluster.gatewayRoutes()) {
      for (ParentRef p : route.parentRefs()) {
        if (!p.isGateway() || !p.name().equals(gateway.name())
            || !p.namespaceOr(route.namespace()).equals(gateway.namespace())) {
          continue;
        }
        statuses.add(attach(cluster, gateway, route, p, conflicts, attached));
      }
    }
    if (options.grpcHttpConflict() == GatewayOptions.GrpcHttpConflict.OLDEST_ACCEPTED) {
      dropConflictingKinds(attached, statuses);
    }
    List<ListenerStatus> out = new ArrayList<>();
    for (Gateway.Listener l : gateway.listeners()) {
      boolean supported = ISTIO_PROTOCOLS.contains(l.protocol());
      Optional<String> reason = !supported ? Optional.of("UnsupportedProtocol: " + l.protocol())
          : Optional.ofNullable(conflicts.get(l));
      out.add(new ListenerStatus(l, supported, conflicts.containsKey(l), reason,
          supported && !conflicts.containsKey(l) ? attached.getOrDefault(l, List.of()) : List.of()));
    }
    return new RouteAttachments(gateway, out, statuses);
  }

  /** G1.6: HTTP, HTTPS/TLS and TCP on one port conflict; one family with one hostname twice conflicts. */
  private static Map<Gateway.Listener, String> conflicts(Gateway g) {
    Map<Gateway.Listener, String> out = new HashMap<>();
    for (Gateway.Listener a : g.listeners()) {
      for (Gateway.Listener b : g.listeners()) {
        if (a == b || a.port() != b.port() || a.protocol().equals("UDP") || b.protocol().equals("UDP")) {
          continue;
        }
        if (!family(a).equals(family(b))) {
          out.put(a, "ProtocolConflict with listener " + b.name());
        } else if (a.hostname().equals(b.hostname())) {
          out.put(a, "HostnameConflict with listener " + b.name());
        }
      }
    }
    return out;
  }

  private static String family(Gateway.Listener l) {
    return l.protocol().equals("TLS") ? "HTTPS" : l.protocol();
  }

  private static boolean kindAllowed(Gateway.Listener l, GatewayRoute route) {
    if (l.allowedRoutes().kinds().isEmpty()) {
      return l.isHttp() ? route instanceof HttpRoute || route instanceof GrpcRoute
          : l.protocol().equals("TLS") ? route.kind().equals("TLSRoute") : route.kind().equals(l.protocol()
              + "Route");
    }
    return l.allowedRoutes().kinds().stream().anyMatch(k -> k.group().equals(ParentRef.GATEWAY_GROUP)
        && k.kind().equals(route.kind()));
  }

  private static boolean namespaceAllowed(KubernetesCluster c, Gateway g, Gateway.Listener l, GatewayRoute route) {
    switch (l.allowedRoutes().from()) {
      case ALL:
        return true;
      case SELECTOR:
        return l.allowedRoutes().selector().map((LabelSelector s) -> s.matches(c.namespaceLabels(route.namespace())))
            .orElse(false);
      default:
        return route.namespace().equals(g.namespace());
    }
  }

  /** The intersected hostnames of a route on a listener (R2.6, R2.7); empty when none intersect. */
  static List<String> intersection(Gateway.Listener l, GatewayRoute route) {
    String lh = l.hostname().orElse(Hostnames.ANY);
    if (route.hostnames().isEmpty()) {
      return List.of(lh);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String rh : route.hostnames()) {
      Hostnames.intersect(lh, rh).ifPresent(out::add);
    }
    return new ArrayList<>(out);
  }

  private static RouteStatus attach(KubernetesCluster c, Gateway g, GatewayRoute route, ParentRef p,
      Map<Gateway.Listener, String> conflicts, Map<Gateway.Listener, List<Attachment>> attached) {
    boolean sectionMatched = false;
    boolean allowed = false;
    boolean accepted = false;
    for (Gateway.Listener l : g.listeners()) {
      if (p.sectionName().filter(s -> !s.equals(l.name())).isPresent()
          || (p.port().isPresent() && p.port().getAsInt() != l.port())) {
        continue;
      }
      sectionMatched = true;
      if (!kindAllowed(l, route) || !namespaceAllowed(c, g, l, route)) {
        continue;
      }
      allowed = true;
      List<String> hosts = intersection(l, route);
      if (hosts.isEmpty()) {
        continue;
      }
      accepted = true;
      List<Attachment> list = attached.computeIfAbsent(l, k -> new ArrayList<>());
      if (list.stream().noneMatch(a -> a.route().equals(route))) {
        list.add(new Attachment(route, l, hosts));
      }
    }
    String reason = accepted ? "Accepted" : !sectionMatched ? "NoMatchingParent"
        : !allowed ? "NotAllowedByListeners" : "NoMatchingListenerHostname";
    return new RouteStatus(route, p, accepted, reason);
  }

  /** R2.35 (option OLDEST_ACCEPTED): of an HTTPRoute and a GRPCRoute sharing a hostname, the older wins. */
  private static void dropConflictingKinds(Map<Gateway.Listener, List<Attachment>> attached,
      List<RouteStatus> statuses) {
    Comparator<GatewayRoute> age = Comparator.comparing((GatewayRoute r) -> r.creationTimestamp().orElse(Instant.MIN))
        .thenComparing(GatewayRoute::key);
    Set<GatewayRoute> losers = new LinkedHashSet<>();
    for (List<Attachment> list : attached.values()) {
      for (Attachment a : list) {
        for (Attachment b : list) {
          if (a.route() instanceof HttpRoute && b.route() instanceof GrpcRoute && a.hostnames().stream()
              .anyMatch(h -> b.hostnames().stream().anyMatch(k -> Hostnames.intersect(h, k).isPresent()))) {
            losers.add(age.compare(a.route(), b.route()) <= 0 ? b.route() : a.route());
          }
        }
      }
    }
    for (List<Attachment> list : attached.values()) {
      list.removeIf(a -> losers.contains(a.route()));
    }
    statuses.replaceAll(s -> losers.contains(s.route()) ? new RouteStatus(s.route(), s.parent(), false,
        "Conflicted") : s);
  }
}
