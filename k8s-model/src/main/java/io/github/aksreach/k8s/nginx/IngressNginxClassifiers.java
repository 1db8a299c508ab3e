package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import io.github.aksreach.k8s.model.KubernetesCluster;

/**
 * Builds the core {@link Classifier} for one HTTP request (host and path fixed) at an NGINX pod, over the TCP source
 * address as that pod sees it.
 *
 * <pre>{@code
 * NginxRoute route = router.route(Optional.of("demoapi.eyskens.corp"), "/weatherforecast");
 * Classifier c = IngressNginxClassifiers.forRoute(ElementKey.named("nginx"),
 *     new IngressOrigin("ingress-nginx", PodRef.of(nginxPod), IngressOrigin.Stage.ROUTING), route, cfg,
 *     NginxRequest.of("demoapi.eyskens.corp", "/weatherforecast"), ElementKey.named("upstreams"));
 * c.decide(Flow.tcp("10.244.2.1:40000", "10.244.2.2:80"));   // the deciding rule: whitelist-source-range -> 403
 * }</pre>
 *
 * <p>Outcomes: allowed requests go on with {@code Outcome.next(target, "...")} (the backend for a {@link
 * NginxRoute.Backend}, NGINX itself for {@link NginxRoute.Healthz}); a deny or allow list refusal is
 * {@code drop(AksHopKind.INGRESS, ...).withStatus(403)}; an invalid list annotation {@code withStatus(503)} for everyone; no
 * matching Ingress path {@code withStatus(404)}; {@code use-proxy-protocol} without a PROXY header drops everything
 * without a status (the connection is closed). 403 and 503 bypass to {@code target} in explain mode.
 *
 * <p>Rules, in order: (1) peers inside {@code proxy-real-ip-cidr} when real IP is on and the request carries a header:
 * one rule whose outcome is the decision for the substituted address (spoofable, see {@link IngressNginxConfig});
 * (2) {@code block-cidrs} where the location inherits it, (3) the deny list, (4) the allow list, then (5)
 * everything else when there is an allow list. Rule names are the ConfigMap/annotation names
 * ({@code denylist-source-range}, {@code whitelist-source-range}, {@code allowlist-source-range},
 * {@code block-cidrs}, {@code proxy-real-ip-cidr}).
 */
public final class IngressNginxClassifiers {
  private IngressNginxClassifiers() {}

  /** A request's route and the classifier built for it. */
  public record RoutedRequest(NginxRoute route, Classifier classifier) {}

  /**
   * Routes {@code req} with the controller's Ingresses and configuration, then builds its classifier;
   * {@code targetOf} names the element allowed requests go to for the route found (the backend Service's element for
   * a {@link NginxRoute.Backend}, an NGINX sink for {@link NginxRoute.Healthz}; for a {@link NginxRoute.NotFound}
   * where refused requests would go in explain mode).
   *
   * <pre>{@code
   * RoutedRequest r = IngressNginxClassifiers.forRequest(cluster, ctl, NginxRequest.of(host, path),
   *     "nginx@" + pod.key(), "ingress-nginx " + pod.key(),
   *     route -> route instanceof NginxRoute.Healthz ? "nginx-self" : "svc:" + route.describe(),
   *     NginxOptions.defaults());
   * }</pre>
   */
  public static RoutedRequest forRequest(KubernetesCluster cluster, IngressNginxController controller,
      NginxRequest req, ElementKey id, Origin label, Function<NginxRoute, ElementKey> targetOf, NginxOptions options) {
    IngressNginxConfig cfg = controller.config(cluster);
    NginxRoute route = IngressNginxRouter.of(cluster, controller, cfg, options).route(req.host(), req.path());
    ElementKey target = targetOf.apply(route);
    return new RoutedRequest(route, forRoute(id, label, route, cfg, req, target));
  }

  /**
   * The classifier for {@code req} routed to {@code route} (see {@link IngressNginxRouter}); {@code target} is the
   * element allowed requests go to (the backend, or the NGINX sink for {@code /healthz}).
   */
  public static Classifier forRoute(ElementKey id, Origin label, NginxRoute route, IngressNginxConfig cfg,
      NginxRequest req, ElementKey target) {
    if (NginxClientAddress.brokenByProxyProtocol(cfg, req)) {
      return Classifier.of(id, label, List.of(), Outcome.drop(AksHopKind.INGRESS,
          "use-proxy-protocol is on but the hop in front sends no PROXY header (an Azure load balancer never does): "
              + "NGINX closes every connection (broken header)"));
    }
    NginxAccessPolicy access = route.access();
    if (access.invalid().isPresent()) {
      return Classifier.of(id, label, List.of(), refused(access.decide(IpAddress.v4(0)), target, ""));
    }
    List<Classifier.Rule> rules = new ArrayList<>();
    Optional<NginxClientAddress> sub = NginxClientAddress.substituted(cfg, req);
    if (sub.isPresent()) {
      IpSet trusted = cfg.trustedProxies();
      IpAddress a = sub.get().address().orElseThrow();
      NginxAccessDecision d = access.decide(a);
      Outcome o = d.allowed() ? allowed(route, target, sub.get().explanation() + "; ")
          : refused(d, target, sub.get().explanation() + "; ");
      rules.add(Classifier.Rule.of(RuleRef.of("proxy-real-ip-cidr"), MatchExprs.ip(Field.SRC_IP, trusted), o));
    }
    Outcome allow = allowed(route, target, "");
    if (!access.block().isEmpty()) {
      rules.add(Classifier.Rule.of(RuleRef.of("block-cidrs"), MatchExprs.ip(Field.SRC_IP, access.blockSet()),
          Outcome.drop(AksHopKind.INGRESS, "client is in block-cidrs " + access.block() + ": 403").withStatus(403)
              .bypassingTo(target)));
    }
    if (!access.deny().isEmpty()) {
      rules.add(Classifier.Rule.of(RuleRef.of("denylist-source-range"), MatchExprs.ip(Field.SRC_IP, access.denySet()),
          Outcome.drop(AksHopKind.INGRESS, "client is in the deny list " + access.deny() + " (" + access.denySource()
              + "): 403").withStatus(403).bypassingTo(target)));
    }
    if (!access.allow().isEmpty()) {
      rules.add(Classifier.Rule.of(RuleRef.of(access.allowRule()), MatchExprs.ip(Field.SRC_IP, access.allowSet()),
          allowed(route, target, "client is in the allow list (" + access.allowSource() + "); ")));
      rules.add(Classifier.Rule.of(RuleRef.of(access.allowRule()), MatchExprs.TRUE,
          Outcome.drop(AksHopKind.INGRESS, "client is not in the allow list " + access.allow() + " ("
              + access.allowSource() + "): 403").withStatus(403).bypassingTo(target)));
    }
    return Classifier.of(id, label, rules, allow);
  }

  private static Outcome allowed(NginxRoute route, ElementKey target, String prefix) {
    if (route instanceof NginxRoute.NotFound) {
      return Outcome.drop(AksHopKind.INGRESS, prefix + route.describe()).withStatus(404);
    }
    return Outcome.next(target, prefix + route.describe());
  }

  private static Outcome refused(NginxAccessDecision d, ElementKey target, String prefix) {
    return Outcome.drop(AksHopKind.INGRESS, prefix + d.reason()).withStatus(d.status()).bypassingTo(target);
  }
}
