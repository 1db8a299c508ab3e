package io.github.aksreach.k8s.l7.gateway;

import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioDataPlane;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.gateway.PeerDecisions;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Endpoints;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.l7.FrontDoor;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.GatewayOrigin;
import io.github.aksreach.k8s.trace.PodOrigin;
import io.github.aksreach.k8s.trace.PodRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Istio Gateways as the graph's second L7 front door (DOMAIN-GATEWAY section 7). At a gateway pod, for the request of
 * the question: the status port 15021 answers {@code /healthz/ready} itself (no AuthorizationPolicy applies there);
 * on a listener port Istio's AuthorizationPolicies decide over the peer this hop sees ({@code source.ip}; with
 * {@code numTrustedProxies} and the client's X-Forwarded-For, {@code remote.ip}, section 5.2) and refuse with 403
 * before routing (S5.8); then the listener and route: 404, 500, a 3xx redirect answered by the gateway, or on to the
 * backends. The backends: the winning rule's weighted backendRefs (weight 0 never), each share over its ready
 * endpoints evenly, sent by Envoy to the endpoint pod's address and port with the gateway pod as source (R2.28), so
 * the backend's NetworkPolicies see the gateway pod; a share Envoy cannot send answers 500 (invalid backendRef) or 503
 * (no ready endpoint).
 *
 * <pre>{@code
 * GatewayFrontDoor gw = new GatewayFrontDoor(net);
 * Element atProxy = gw.proxy(new AksKey.App(PodRef.of(pod), 80), pod, 80, hops);   // 403, 404, 3xx or on
 * Element fork = gw.upstreams(new AksKey.Upstreams(PodRef.of(pod), 80), pod, hops);     // weighted backends
 * }</pre>
 *
 * <p>The request's Host is the question's; without one (a load balancer's probe) the gateway pod's own address, which
 * no listener hostname matches. Its method is GET.
 */
public final class GatewayFrontDoor implements FrontDoor {
  /** The path Envoy's status port answers itself (A4.7). */
  public static final String READY_PATH = "/healthz/ready";

  private final AksNetwork net;

  public GatewayFrontDoor(AksNetwork net) {
    this.net = net;
  }

  @Override
  public boolean proxies(Pod pod) {
    return net.gatewayOf(pod).isPresent();
  }

  private static GatewayOrigin origin(IstioGateway ig, PodRef pod, GatewayOrigin.Stage stage) {
    return new GatewayOrigin(ig.gateway().gatewayClassName(), ig.gateway().namespace(), ig.gateway().name(), pod,
        stage);
  }

  /** The question's request as the gateway pod's listener on {@code port} sees it. */
  static HttpRequest request(L7 l7, Pod pod, int port) {
    return RouteShares.request(l7, pod.podIps().stream().findFirst().map(IpAddress::toString).orElse(""), port);
  }

  @Override
  public Element proxy(AksKey.App key, Pod pod, int port, Hops hops) {
    IstioGateway ig = net.gatewayOf(pod).orElseThrow();
    GatewayOrigin origin = origin(ig, key.pod(), GatewayOrigin.Stage.PROXY);
    L7 l7 = hops.l7();
    boolean listenerPort = ig.gateway().listenerPorts().contains(port);
    if (port == IstioDataPlane.STATUS_PORT && !listenerPort) {
      return statusPort(key, pod, port, hops, origin);
    }
    HttpRequest request = request(l7, pod, port);
    GatewayOutcome routed = ig.router().route(request);
    AksKey.Upstreams upstreams = new AksKey.Upstreams(key.pod(), port);
    Outcome after = answer(routed, upstreams, "");
    List<AuthorizationPolicy> policies = ig.policiesFor(pod);
    if (policies.isEmpty()) {
      return Classifier.of(key, origin, List.of(), after);
    }
    int n = ig.numTrustedProxies(pod).getOrElse(0);
    Optional<String> xff = request.header("X-Forwarded-For");
    List<Classifier.Rule> rules = new ArrayList<>();
    for (PeerDecisions.Part part : PeerDecisions.of(policies, request, xff, n, net.options().gateway())) {
      String remote = remoteIp(part, n, xff);
      RuleRef rule = RuleRef.of(part.decision().decidedBy().map(p -> "AuthorizationPolicy " + p.key() + " ("
          + p.action().name() + ")").orElse(part.decision().allowed() ? "no ALLOW policy" : "AuthorizationPolicy ALLOW"
          + " (none matches)"));
      Outcome o;
      if (part.decision().allowed()) {
        String why = part.decision().decidedBy().map(p -> "ALLOW policy " + p.key() + " matches (source.ip = the peer"
            + remote + "); ").orElse("");
        o = answer(routed, upstreams, why);
      } else {
        String why = part.decision().decidedBy().map(p -> p.action().name() + " policy " + p.key() + " matches")
            .orElse("no ALLOW policy of " + policies.stream().filter(p -> p.action()
                == AuthorizationPolicy.Action.ALLOW).map(AuthorizationPolicy::key).toList() + " matches");
        o = Outcome.drop(AksHopKind.INGRESS, why + " (source.ip = the peer" + remote
            + "): 403 RBAC: access denied, before routing").withStatus(403).bypassingTo(upstreams);
      }
      rules.add(Classifier.Rule.of(rule, MatchExprs.ip(Field.SRC_IP, part.peers()), o));
    }
    return Classifier.of(key, origin, rules, after);
  }

  /** Where {@code remote.ip} comes from, for a decision's words. */
  private static String remoteIp(PeerDecisions.Part part, int n, Optional<String> xff) {
    if (part.addresses().remoteIp().equals(part.addresses().sourceIp())) {
      return n == 0 ? ", remote.ip = the peer (numTrustedProxies 0: X-Forwarded-For not trusted)"
          : ", remote.ip = the peer (numTrustedProxies " + n + ", X-Forwarded-For " + xff.orElse("absent")
              + " has fewer entries)";
    }
    return ", remote.ip = " + part.addresses().remoteIp() + " (entry " + n + " from the right of X-Forwarded-For "
        + xff.orElse("") + ": chosen by whoever sent it unless a trusted proxy in front appended it)";
  }

  /** What the gateway does after authorization: on to the backends, or an answer of its own. */
  private static Outcome answer(GatewayOutcome routed, ElementKey upstreams, String prefix) {
    if (routed instanceof GatewayOutcome.Routed r) {
      return Outcome.next(upstreams, prefix + "listener " + r.listener().name() + ", " + r.route().kind() + " "
          + r.route().key() + " rule " + r.ruleIndex() + " (" + r.match() + ")"
          + r.rewrittenPath().map(p -> ", path rewritten to " + p).orElse("")
          + (r.mirrors().isEmpty() ? "" : ", mirrored to " + r.mirrors()));
    }
    return refusal(routed);
  }

  /** The drop of an outcome the gateway answers itself (or never gets). */
  static Outcome.Drop refusal(GatewayOutcome routed) {
    if (routed instanceof GatewayOutcome.Redirected r) {
      return Outcome.drop(AksHopKind.INGRESS, "RequestRedirect of " + r.route().kind() + " " + r.route().key()
          + " rule " + r.ruleIndex() + ": " + r.status() + " Location " + r.location()
          + " (answered by the gateway; the backend is not contacted)").withStatus(r.status());
    }
    if (routed instanceof GatewayOutcome.Answered a) {
      return Outcome.drop(AksHopKind.INGRESS, a.reason() + ": " + a.status()).withStatus(a.status());
    }
    if (routed instanceof GatewayOutcome.NoListener nl) {
      return Outcome.drop(AksHopKind.INGRESS, "no listener of the Gateway on port " + nl.port()
          + ": Envoy does not listen there (connection refused)");
    }
    if (routed instanceof GatewayOutcome.TlsRefused t) {
      return Outcome.drop(AksHopKind.INGRESS, "no HTTPS listener accepts SNI " + t.sni() + ": TLS handshake fails ("
          + t.how() + ")");
    }
    throw new IllegalStateException("routed: " + routed);
  }

  /** Port 15021: Envoy answers {@code /healthz/ready} (200 while the pod is ready); nothing else is served. */
  private Element statusPort(AksKey.App key, Pod pod, int port, Hops hops, GatewayOrigin origin) {
    if (hops.l7().http() && !hops.l7().path().equals(READY_PATH)) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.INGRESS, "the status port "
          + port + " serves only " + READY_PATH + ", not " + hops.l7().path() + ": 404").withStatus(404));
    }
    if (!hops.l7().http()) {
      return Sink.of(key, new PodOrigin(Optional.of(key.pod()), pod.podIps().stream().findFirst(), port,
          PodOrigin.Role.APPLICATION));
    }
    AksKey.HealthzAnswer ok = new AksKey.HealthzAnswer(key.pod(), port);
    hops.register(Sink.of(ok, new PodOrigin(Optional.of(key.pod()), pod.podIps().stream().findFirst(), port,
        PodOrigin.Role.HEALTHZ)));
    return Classifier.of(key, origin, List.of(), Outcome.next(ok, "status port " + port + ": " + READY_PATH
        + " answered 200 by the gateway pod (no AuthorizationPolicy applies to it)"));
  }

  @Override
  public Element upstreams(AksKey.Upstreams key, Pod gatewayPod, Hops hops) {
    IstioGateway ig = net.gatewayOf(gatewayPod).orElseThrow();
    GatewayOrigin origin = origin(ig, key.pod(), GatewayOrigin.Stage.BACKENDS);
    GatewayOutcome routed = ig.router().route(request(hops.l7(), gatewayPod, key.port()));
    if (!(routed instanceof GatewayOutcome.Routed r)) {
      return Classifier.of(key, origin, List.of(), refusal(routed));
    }
    Optional<Node> fromNode = gatewayPod.nodeName().flatMap(net.kubernetes()::node);
    if (fromNode.isEmpty() || gatewayPod.podIps().isEmpty()) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.NO_ROUTE, fromNode.isEmpty()
          ? Endpoints.noNode(gatewayPod) : "pod " + gatewayPod.key() + " has no address in the dump"));
    }
    IpAddress src = gatewayPod.podIps().get(0);
    List<Fork.Branch> branches = RouteShares.branches(r, hops, origin, i -> new AksKey.ProxyAnswer(key.pod(), i),
        "the gateway", (w, e, of) -> branch(w, e, of, src, fromNode.get(), gatewayPod, hops));
    return Fork.of(key, origin, branches);
  }

  private Fork.Branch branch(Weight w, ServiceEndpoint e, String of, IpAddress src, Node from, Pod gatewayPod,
      Hops hops) {
    Optional<Pod> pod = e.targetRef().flatMap(ref -> net.kubernetes().pod(ref.namespace(), ref.name()))
        .or(() -> net.kubernetes().podByIp(e.address()));
    List<Assign> assigns = List.of(Assign.srcIp(src), Assign.dstIp(e.address()), Assign.dstPort(e.port()));
    ElementKey target = pod.isEmpty() ? Endpoints.sink(hops, e.address(), e.port(), PodOrigin.Role.UPSTREAM)
        : new AksKey.CrossNode(from.name(), PodRef.of(pod.get()), e.port());
    if (net.enforcesNetworkPolicy()) {
      target = hops.egressOf(gatewayPod, target);
    }
    return Fork.Branch.of(w, target, assigns, of + ": Envoy sends to " + e.address() + ":" + e.port()
        + pod.map(p -> " (" + p.key() + ")").orElse("") + " from the gateway pod " + src);
  }

}
