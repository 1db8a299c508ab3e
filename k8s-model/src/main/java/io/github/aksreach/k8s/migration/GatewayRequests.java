package io.github.aksreach.k8s.migration;

import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.GatewayRouter;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.gateway.RouteAttachments;
import io.github.aksreach.k8s.model.HttpRoute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The requests that exercise a Gateway's routes: one per usable HTTP(S) listener, intersected hostname of an attached
 * HTTPRoute and path of a rule's match (Exact or PathPrefix value; regular expressions are left out), plus {@code /}
 * per host (the catch-all). A wildcard hostname {@code *.example.com} is asked as {@code a.example.com}.
 *
 * <pre>{@code
 * GatewayRequests.of(ig);   // [GET demoapi.example.com:80/weatherforecast, GET demoapi.example.com:80/]
 * GatewayRequests.served(ig.router().route(r));   // true when routed or redirected
 * }</pre>
 */
public final class GatewayRequests {
  private GatewayRequests() {}

  /** A concrete host for a hostname pattern: itself, {@code a.<suffix>} for a wildcard; none for a bare {@code *}. */
  public static Optional<String> concreteHost(String hostname) {
    if (hostname.equals("*")) {
      return Optional.empty();
    }
    return Optional.of(hostname.startsWith("*.") ? "a" + hostname.substring(1) : hostname);
  }

  /** The hosts and paths the Gateway's attached HTTPRoutes serve, as requests on their listeners' ports. */
  public static List<HttpRequest> of(IstioGateway ig) {
    return of(ig.router());
  }

  /** {@link #of(IstioGateway)} for any Gateway's router (an Application Gateway for Containers' too). */
  public static List<HttpRequest> of(GatewayRouter router) {
    Set<String> seen = new LinkedHashSet<>();
    List<HttpRequest> out = new ArrayList<>();
    for (RouteAttachments.ListenerStatus l : router.attachments().listeners()) {
      if (!l.usable() || !l.listener().isHttp()) {
        continue;
      }
      for (RouteAttachments.Attachment a : l.attached()) {
        if (!(a.route() instanceof HttpRoute route)) {
          continue;
        }
        for (String h : a.hostnames()) {
          Optional<String> host = concreteHost(h);
          if (host.isEmpty()) {
            continue;
          }
          for (String path : paths(route)) {
            if (seen.add(l.listener().port() + " " + host.get() + " " + path)) {
              out.add(HttpRequest.get(l.listener().port(), host.get(), path));
            }
          }
        }
      }
    }
    return out;
  }

  /** The Exact and PathPrefix values of a route's matches, then {@code /}. */
  public static List<String> paths(HttpRoute route) {
    Set<String> out = new LinkedHashSet<>();
    for (HttpRoute.Rule r : route.rules()) {
      for (HttpRoute.Match m : r.effectiveMatches()) {
        if (m.path().type() != HttpRoute.PathType.REGULAR_EXPRESSION) {
          out.add(m.path().value());
        }
      }
    }
    out.add("/");
    return new ArrayList<>(out);
  }

  /** Whether the gateway serves the request itself or forwards it: routed (to any backend) or redirected. */
  public static boolean served(GatewayOutcome o) {
    return o instanceof GatewayOutcome.Routed || o instanceof GatewayOutcome.Redirected;
  }
}
