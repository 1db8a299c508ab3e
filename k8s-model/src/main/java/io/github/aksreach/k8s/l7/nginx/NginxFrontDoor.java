package io.github.aksreach.k8s.l7.nginx;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Endpoints;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.l7.FrontDoor;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.nginx.IngressNginxClassifiers;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.IngressNginxRouter;
import io.github.aksreach.k8s.nginx.NginxClientAddress;
import io.github.aksreach.k8s.nginx.NginxSslRedirect;
import io.github.aksreach.k8s.nginx.NginxRequest;
import io.github.aksreach.k8s.nginx.NginxRoute;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.IngressOrigin;
import io.github.aksreach.k8s.trace.PodOrigin;
import io.github.aksreach.k8s.trace.PodRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ingress-nginx as the graph's L7 front door: at an NGINX pod, the request's access rules and route (403, 404, 503 or
 * on to the upstreams; NGINX's own {@code /healthz} answered by the pod), then a fork over the route's upstream
 * endpoints with the NGINX pod as source, through the NGINX pod's egress rules where NetworkPolicies isolate it.
 *
 * <pre>{@code
 * NginxFrontDoor nginx = new NginxFrontDoor(net);
 * Element atProxy = nginx.proxy(new AksKey.App(PodRef.of(pod), 80), pod, 80, hops);
 * }</pre>
 */
public final class NginxFrontDoor implements FrontDoor {
  /** The controller name hops carry. */
  public static final String CONTROLLER = "ingress-nginx";

  private final AksNetwork net;

  public NginxFrontDoor(AksNetwork net) {
    this.net = net;
  }

  @Override
  public boolean proxies(Pod pod) {
    return net.controllerOf(pod).isPresent();
  }

  private NginxRoute route(IngressNginxRouter router, L7 l7) {
    return router.route(l7.host(), l7.path());
  }

  @Override
  public Element proxy(AksKey.App key, Pod pod, int port, Hops hops) {
    IngressNginxRouter router = net.router(net.controllerOf(pod).orElseThrow());
    L7 l7 = hops.l7();
    NginxRoute route = route(router, l7);
    IngressOrigin origin = new IngressOrigin(CONTROLLER, PodRef.of(pod), IngressOrigin.Stage.ROUTING);
    ElementKey target;
    if (route instanceof NginxRoute.Healthz) {
      AksKey.HealthzAnswer ok = new AksKey.HealthzAnswer(key.pod(), port);
      hops.register(Sink.of(ok, new PodOrigin(Optional.of(key.pod()), pod.podIps().stream().findFirst(), port,
          PodOrigin.Role.HEALTHZ)));
      target = ok;
    } else {
      target = new AksKey.Upstreams(key.pod(), port);
      NginxRequest req = request(l7, router);
      Optional<NginxSslRedirect.Redirect> redirect = NginxSslRedirect.of(router, route, l7.host().orElse(""),
          l7.path(), port == router.controller().httpsPort(), l7.header("X-Forwarded-Proto"));
      if (redirect.isPresent() && !NginxClientAddress.brokenByProxyProtocol(router.config(), req)) {
        NginxSslRedirect.Redirect r = redirect.get();
        return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.INGRESS, "redirected (" + r.status()
            + ") to https: Location " + r.location() + ", " + r.reason() + "; answered by NGINX before the "
            + "location's allow and deny lists, the backend is not contacted").withStatus(r.status()));
      }
    }
    return IngressNginxClassifiers.forRoute(key, origin, route, router.config(), request(l7, router), target);
  }

  /**
   * The request NGINX sees: Host, path and the forwarded-for header ({@code forwarded-for-header}, X-Forwarded-For
   * by default) as the client sent it (entries that are not addresses are left out).
   */
  static NginxRequest request(L7 l7, IngressNginxRouter router) {
    NginxRequest r = NginxRequest.of(l7.host().orElse(null), l7.path());
    Optional<String> xff = l7.header(router.config().forwardedForHeader());
    if (xff.isEmpty()) {
      return r;
    }
    List<IpAddress> entries = new ArrayList<>();
    for (String part : xff.get().split(",")) {
      IpAddress.parse(part.trim()).forEach(entries::add);
    }
    return r.withForwardedFor(entries);
  }

  @Override
  public Element upstreams(AksKey.Upstreams key, Pod nginxPod, Hops hops) {
    IngressNginxController ctl = net.controllerOf(nginxPod).orElseThrow();
    IngressNginxRouter router = net.router(ctl);
    NginxRoute route = route(router, hops.l7());
    IngressOrigin origin = new IngressOrigin(CONTROLLER, key.pod(), IngressOrigin.Stage.UPSTREAMS);
    if (!(route instanceof NginxRoute.Backend)) {
      return Classifier.of(key, origin, List.of(),
          Outcome.drop(AksHopKind.INGRESS, route.describe()).withStatus(404));
    }
    List<IngressNginxRouter.Upstream> ups = router.upstreams((NginxRoute.Backend) route);
    if (ups.isEmpty()) {
      return Classifier.of(key, origin, List.of(),
          Outcome.drop(AksHopKind.INGRESS, "no upstream endpoint for " + route.describe() + ": 503").withStatus(503));
    }
    Optional<Node> fromNode = nginxPod.nodeName().flatMap(net.kubernetes()::node);
    if (fromNode.isEmpty() || nginxPod.podIps().isEmpty()) {
      return Classifier.of(key, origin, List.of(),
          Outcome.drop(AksHopKind.NO_ROUTE, fromNode.isEmpty() ? Endpoints.noNode(nginxPod) : "pod " + nginxPod.key()
              + " has no address in the dump"));
    }
    Node from = fromNode.get();
    IpAddress src = nginxPod.podIps().get(0);
    List<Fork.Branch> branches = new ArrayList<>();
    Weight w = Weight.of(1, ups.size());
    for (IngressNginxRouter.Upstream u : ups) {
      Optional<Pod> pod = u.endpoint().flatMap(e -> e.targetRef())
          .flatMap(ref -> net.kubernetes().pod(ref.namespace(), ref.name()))
          .or(() -> net.kubernetes().podByIp(u.address()));
      List<Assign> assigns = List.of(Assign.srcIp(src), Assign.dstIp(u.address()), Assign.dstPort(u.port()));
      ElementKey target = pod.isEmpty() ? Endpoints.sink(hops, u.address(), u.port(), PodOrigin.Role.UPSTREAM)
          : new AksKey.CrossNode(from.name(), PodRef.of(pod.get()), u.port());
      if (net.enforcesNetworkPolicy()) {
        target = hops.egressOf(nginxPod, target);
      }
      branches.add(Fork.Branch.of(w, target, assigns, "proxy to " + u.address() + ":" + u.port()
          + pod.map(p -> " (" + p.key() + ")").orElse("") + " from " + src));
    }
    return Fork.of(key, origin, branches);
  }
}
