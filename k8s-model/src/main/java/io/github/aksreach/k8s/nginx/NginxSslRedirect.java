package io.github.aksreach.k8s.nginx;

import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.IngressTls;
import java.util.Locale;
import java.util.Optional;

/**
 * ingress-nginx's redirect of plain HTTP to HTTPS ({@code ssl-redirect}, {@code force-ssl-redirect}), answered by NGINX
 * itself: the backend is not contacted. From the controller's template ({@code nginx.tmpl}, the location block: "redirect
 * to HTTPS can be achieved forcing the redirect or having a SSL Certificate configured for the server") and
 * {@code controller.go} ({@code createServers}): a location redirects when
 * <ul>
 *   <li>its {@code force-ssl-redirect} is true (annotation of the location's Ingress, else ConfigMap
 *       {@code force-ssl-redirect}, default false), or</li>
 *   <li>its server has a certificate and its {@code ssl-redirect} is true (annotation, else ConfigMap
 *       {@code ssl-redirect}, default true). A server (a rule host) has a certificate when an Ingress with a rule for
 *       that host lists the host in one of its {@code tls} entries (the controller's default certificate stands in
 *       when the Secret is missing or unnamed); a host covered only by a certificate's SAN is not seen here (the
 *       dump carries no Secrets);</li>
 * </ul>
 * unless its path starts with one of {@code no-tls-redirect-locations} (default {@code /.well-known/acme-challenge}),
 * and only when {@code $redirect_to_https} holds: the request came in plain HTTP ({@code $scheme} http, any port but
 * {@code --https-port}) and, with {@code use-forwarded-headers}, its {@code X-Forwarded-Proto} (when sent) is not
 * {@code https}. The status is ConfigMap {@code http-redirect-code} (default 308), the Location
 * {@code https://<host><uri>}. The redirect is a {@code return} of NGINX's rewrite phase, so it runs before the
 * location's allow and deny lists (access phase): a client the allow-list refuses still gets the redirect. The default
 * server {@code _} and its {@code /healthz} never redirect here.
 *
 * <pre>{@code
 * NginxRoute r = router.route(Optional.of("demoapi.example.com"), "/weatherforecast");
 * NginxSslRedirect.of(router, r, "demoapi.example.com", "/weatherforecast", false, Optional.empty());
 * // Optional[308 https://demoapi.example.com/weatherforecast (ssl-redirect: ...)]
 * }</pre>
 */
public final class NginxSslRedirect {
  private NginxSslRedirect() {}

  /**
   * A redirect NGINX answers.
   *
   * @param status the status ({@code http-redirect-code})
   * @param location the Location header
   * @param reason why, in words
   */
  public record Redirect(int status, String location, String reason) {
    @Override
    public String toString() {
      return status + " " + location + " (" + reason + ")";
    }
  }

  /**
   * The redirect NGINX answers {@code route} with, if any.
   *
   * @param router the controller's routing
   * @param route the route of the request
   * @param host the request's Host
   * @param path the request's path
   * @param https whether the request arrived on NGINX's HTTPS port ({@code $scheme} https)
   * @param forwardedProto the request's {@code X-Forwarded-Proto}, if sent
   */
  public static Optional<Redirect> of(IngressNginxRouter router, NginxRoute route, String host, String path,
      boolean https, Optional<String> forwardedProto) {
    if (https || route.server().equals(IngressNginxRouter.DEFAULT_SERVER)) {
      return Optional.empty();
    }
    IngressNginxConfig cfg = router.config();
    if (cfg.useForwardedHeaders() && forwardedProto.map(p -> !p.trim().equalsIgnoreCase("http")).orElse(false)) {
      return Optional.empty(); // "$scheme:$pass_access_scheme" is http:https, not a redirect
    }
    Optional<Ingress> ing = route instanceof NginxRoute.Backend b ? Optional.of(b.ingress())
        : route instanceof NginxRoute.NotFound n ? n.owner() : Optional.empty();
    String locationPath = route instanceof NginxRoute.Backend b ? b.path() : "/";
    if (cfg.noTlsRedirectLocations().stream().anyMatch(locationPath::startsWith)) {
      return Optional.empty();
    }
    String prefix = router.controller().annotationsPrefix();
    boolean force = annotation(ing, prefix + "/force-ssl-redirect").orElse(cfg.forceSslRedirect());
    boolean redirect = annotation(ing, prefix + "/ssl-redirect").orElse(cfg.sslRedirect());
    Optional<Ingress> certificate = certificateOf(router, route.server());
    String why;
    if (force) {
      why = "force-ssl-redirect" + (ing.isPresent() ? " of Ingress " + ing.get().key() : "");
    } else if (redirect && certificate.isPresent()) {
      why = "ssl-redirect: server " + route.server() + " has TLS (Ingress " + certificate.get().key() + " lists it "
          + "in spec.tls)";
    } else {
      return Optional.empty();
    }
    String uri = path == null || path.isEmpty() ? "/" : path;
    return Optional.of(new Redirect(cfg.httpRedirectCode(), "https://" + host + uri, why));
  }

  /** The Ingress that gives {@code server} a certificate: one with a rule for it that lists it in a tls entry. */
  public static Optional<Ingress> certificateOf(IngressNginxRouter router, String server) {
    for (Ingress ing : router.ingresses()) {
      boolean rule = false;
      for (IngressRule r : ing.rules()) {
        rule |= r.host().map(h -> h.toLowerCase(Locale.ROOT).equals(server)).orElse(false);
      }
      if (!rule) {
        continue;
      }
      for (IngressTls t : ing.tls()) {
        if (t.hosts().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(server))) {
          return Optional.of(ing);
        }
      }
    }
    return Optional.empty();
  }

  /** A Boolean annotation as the controller parses it ({@code strconv.ParseBool}); an unreadable one is ignored. */
  private static Optional<Boolean> annotation(Optional<Ingress> ing, String key) {
    return ing.flatMap(i -> Optional.ofNullable(i.annotations().get(key))).flatMap(v -> AbstractIngressNginxConfig
        .bool(java.util.Map.of(key, v), key, new java.util.ArrayList<>()));
  }
}
