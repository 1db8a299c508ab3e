package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.migration.GatewayClients;
import io.github.aksreach.k8s.migration.GatewayRequests;
import io.github.aksreach.k8s.migration.IstioGateways;
import io.github.aksreach.k8s.migration.SourceAtoms;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxRoute;
import io.github.aksreach.k8s.nginx.NginxSslRedirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration checks that compare the ingress-nginx side with the Gateway side of one scenario (see
 * {@link MigrationChecks}): allow-lists, wildcard hosts and HTTPS redirects, each decided by asking both routers and
 * evaluators the same request.
 */
final class MigrationRules {
  private MigrationRules() {}

  static final GatewayOptions OPTIONS = GatewayOptions.defaults();

  static Optional<Location> location(CheckContext ctx, IstioGateway ig) {
    return ctx.location(ig.gateway().provenance());
  }

  /** A host and path an ingress-nginx controller serves from an Ingress rule, with the route it takes. */
  record NginxServed(IngressNginxController controller, Ingress ingress, String host, String path, NginxRoute route) {}

  /** Every exact host and path of every Ingress rule, as each controller routes it. */
  static List<NginxServed> nginxServed(CheckContext ctx) {
    List<NginxServed> out = new ArrayList<>();
    for (IngressNginxController c : ctx.network().controllers()) {
      IngressNginxRouter router = ctx.network().router(c);
      for (Ingress ing : router.ingresses()) {
        for (IngressRule r : ing.rules()) {
          if (r.host().isEmpty()) {
            continue;
          }
          for (IngressPath p : r.paths()) {
            String path = p.path().isEmpty() ? "/" : p.path();
            out.add(new NginxServed(c, ing, r.host().get(), path, router.route(r.host(), path)));
          }
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- allow-list lost in migration

  /** The clients NGINX's access rules admit on a location (deny, then allow, then deny all: DOMAIN 5.1). */
  static IpSet nginxAdmits(NginxRoute r, IpFamily family) {
    return SourceAtoms.where(IpSet.all(family), List.of(r.access().allowSet(), r.access().denySet(),
        r.access().blockSet()), a -> r.access().decide(a).allowed());
  }

  static void allowListLost(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    for (NginxServed n : nginxServed(ctx)) {
      if (!(n.route() instanceof NginxRoute.Backend b) || !b.access().restricted() || n.host().startsWith("*")) {
        continue;
      }
      for (int port : ig.gateway().listenerPorts()) {
        HttpRequest req = HttpRequest.get(port, n.host(), n.path());
        if (ig.router().listenerFor(req).isEmpty() || !GatewayRequests.served(ig.router().route(req))) {
          continue;
        }
        for (Pod pod : IstioGateways.pods(ig)) {
          IpSet nginx = nginxAdmits(b, IpFamily.V4);
          IpSet gw = GatewayClients.admittedByService(ig.dataPlane().service(), IpFamily.V4)
              .intersection(GatewayClients.admittedByPolicies(ig, pod, req, IpFamily.V4, OPTIONS));
          IpSet lost = gw.difference(nginx);
          if (lost.isEmpty()) {
            continue;
          }
          String policies = ig.policiesFor(pod).isEmpty() ? "no AuthorizationPolicy applies"
              + (ig.enforcesAuthorizationPolicies() ? "" : " (approuting-istio supports none, A4.28)")
              : "AuthorizationPolicies " + ig.policiesFor(pod).stream().map(AuthorizationPolicy::key).toList();
          out.add(Violation.of("Ingress " + n.ingress().key() + " admits only " + Support.cidrs(nginx) + " to http://"
                  + n.host() + n.path() + " (" + b.access().allowSource() + "), but Gateway " + ig.gateway().key()
                  + " serves the same host and path on port " + port + " to " + Support.cidrs(lost)
                  + " as well: the allow-list was lost in the migration")
              .withEvidence("nginx admits " + Support.cidrs(nginx) + "; the Gateway's Service "
                  + ig.dataPlane().service().key() + " admits " + Support.cidrs(GatewayClients.admittedByService(
                  ig.dataPlane().service(), IpFamily.V4)) + " at layer 4 and " + policies + " at pod " + pod.key()
                  + " (evaluated with the client's own address, as under externalTrafficPolicy Local)"
                  + ctx.location(n.ingress()).map(l -> "\nIngress at " + l).orElse(""))
              .withFix(ig.enforcesAuthorizationPolicies()
                  ? "add an ALLOW AuthorizationPolicy with targetRefs [{group: gateway.networking.k8s.io, kind: "
                  + "Gateway, name: " + ig.gateway().name() + "}] and from.source.ipBlocks " + Support.cidrs(nginx)
                  + " (to.operation.hosts/paths to keep the Ingress's scope), with externalTrafficPolicy Local"
                  : "approuting-istio has no AuthorizationPolicy: set loadBalancerSourceRanges " + Support.cidrs(nginx)
                  + " in the Gateway's Service overlay (S5.12), one Gateway per allow-list (S5.14)")
              .at(location(ctx, ig)));
          return;
        }
      }
    }
  }

  // ---------------------------------------------------------------- wildcard widened

  static void wildcardWidened(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    for (IngressNginxController c : ctx.network().controllers()) {
      IngressNginxRouter router = ctx.network().router(c);
      for (Ingress ing : router.ingresses()) {
        for (IngressRule r : ing.rules()) {
          if (r.host().isEmpty() || !r.host().get().startsWith("*.")) {
            continue;
          }
          String deep = "a.b" + r.host().get().substring(1);
          String path = r.paths().stream().map(IngressPath::path).filter(p -> !p.isEmpty()).findFirst().orElse("/");
          NginxRoute nginx = router.route(Optional.of(deep), path);
          boolean nginxServes = nginx instanceof NginxRoute.Backend b && b.ingress().key().equals(ing.key());
          for (int port : ig.gateway().listenerPorts()) {
            GatewayOutcome o = ig.router().route(HttpRequest.get(port, deep, path));
            if (!nginxServes && GatewayRequests.served(o)) {
              out.add(Violation.of("Ingress " + ing.key() + " host " + r.host().get() + " matches one DNS label in "
                      + "ingress-nginx, but Gateway " + ig.gateway().key() + " serves " + deep + path + " on port "
                      + port + ": a Gateway API wildcard matches one or more labels (R2.11, G1.8), so hosts nginx "
                      + "answered 404 now reach a backend")
                  .withEvidence("ingress-nginx: " + nginx.describe() + "\nGateway: " + o)
                  .withFix("list the hosts the Ingress served in the HTTPRoute's hostnames (or the listener's), or "
                      + "add a rule that answers deeper hosts with 404")
                  .at(location(ctx, ig)));
              return;
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- TLS host without redirect

  /**
   * Why plain HTTP to {@code sample}'s host must not be forwarded: ingress-nginx redirected that request to HTTPS
   * ({@link NginxSslRedirect}: {@code ssl-redirect} on a server with TLS, or {@code force-ssl-redirect}), or the
   * Gateway has an HTTPS listener for the host.
   */
  static Optional<String> httpsExpected(CheckContext ctx, IstioGateway ig, HttpRequest sample) {
    for (IngressNginxController c : ctx.network().controllers()) {
      IngressNginxRouter router = ctx.network().router(c);
      NginxRoute route = router.route(Optional.of(sample.host()), sample.path());
      Optional<NginxSslRedirect.Redirect> r = NginxSslRedirect.of(router, route, sample.host(), sample.path(), false,
          Optional.empty());
      if (r.isPresent()) {
        return Optional.of("ingress-nginx " + c.key() + " redirected it (" + r.get() + ")");
      }
    }
    boolean listener = ig.gateway().listeners().stream().filter(l -> l.protocol().equals("HTTPS"))
        .anyMatch(l -> l.hostname().flatMap(GatewayRequests::concreteHost).map(sample.host()::equals).orElse(false));
    return listener ? Optional.of("Gateway " + ig.gateway().key() + " has an HTTPS listener for it") : Optional.empty();
  }

  static void tlsWithoutRedirect(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    for (HttpRequest sample : GatewayRequests.of(ig)) {
      boolean plainListener = ig.router().listenerFor(sample).map(l -> l.listener().protocol().equals("HTTP"))
          .orElse(false);
      if (!plainListener) {
        continue;
      }
      Optional<String> why = httpsExpected(ctx, ig, sample);
      GatewayOutcome o = ig.router().route(sample);
      if (why.isPresent() && o instanceof GatewayOutcome.Routed r && r.forwardedFraction() > 0) {
        out.add(Violation.of("http://" + sample.host() + ":" + sample.port() + sample.path() + " is forwarded in "
                + "plaintext by Gateway " + ig.gateway().key() + " although the host has TLS: " + why.get()
                + "; the Gateway API has no implicit redirect (DOMAIN-GATEWAY 6.1)")
            .withEvidence("the HTTP listener routes it: " + r)
            .withFix("attach an HTTPRoute to the HTTP listener (sectionName) whose rule has filter RequestRedirect "
                + "{scheme: https, statusCode: 308}, and the forwarding routes to the HTTPS listener only")
            .at(location(ctx, ig)));
        return;
      }
    }
  }
}
