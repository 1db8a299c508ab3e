package io.github.aksreach.k8s.oracle;

import static io.github.aksreach.k8s.oracle.ConcreteOracle.INGRESS;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.NETWORK_POLICY;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.NO_ROUTE;
import static io.github.aksreach.k8s.oracle.ConcreteOracle.NSG;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.gateway.AbstractGatewayOptions;
import io.github.aksreach.k8s.gateway.AgcGateway;
import io.github.aksreach.k8s.gateway.AgcProbe;
import io.github.aksreach.k8s.model.AgcNoHealthyBackends;
import io.github.aksreach.k8s.gateway.AuthorizationEvaluator;
import io.github.aksreach.k8s.gateway.AuthzDecision;
import io.github.aksreach.k8s.gateway.AuthzRequest;
import io.github.aksreach.k8s.gateway.BackendShare;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.GatewayRouter;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioClientAddress;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.netpol.NetworkPolicyDecision;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * The oracle's Gateway legs, written from DOMAIN-GATEWAY section 7 one request at a time: an Istio gateway pod
 * (status port, AuthorizationPolicy over this request's {@code source.ip} and {@code remote.ip}, then the router, then
 * the weighted backends sent from the gateway pod) and an Application Gateway for Containers frontend (A4.22: the
 * association subnet's NSG, AGC's router, the backends sent straight to pod addresses from the association subnet).
 * The engine's wiring ({@code GatewayFrontDoor}, {@code AgcFrontDoor}) cuts the source space into symbolic pieces
 * ({@code PeerDecisions}) and builds elements; here each flow is walked concretely and every branch enumerated with an
 * exact fraction. The model objects are shared: the router (pinned by the conformance vectors and the spec-order
 * reference matcher) and the AuthorizationPolicy evaluator of one request (its own example tests).
 *
 * <pre>{@code
 * GatewayLegs g = new GatewayLegs(walk, oracle, l7);
 * g.istio(step, gatewayPod, istioGateway);   // at a gateway pod, for an HTTP request
 * g.agcFrontend(step);                       // true when the destination is an AGC frontend address (handled)
 * }</pre>
 */
final class GatewayLegs {
  /** Istio's status port: Envoy answers {@code /healthz/ready} there itself (A4.7). */
  static final int STATUS_PORT = 15021;
  static final String READY_PATH = "/healthz/ready";
  /** The leg names {@link OracleAnswer#legs()} reports: a request handled by an Istio gateway pod, by AGC. */
  static final String ISTIO = OracleAgreement.ISTIO_LEG;
  static final String AGC = OracleAgreement.AGC_LEG;

  /** How the trail words a TLS handshake no HTTPS listener accepts (G1.10). */
  static final String TLS_REFUSED = "no HTTPS listener accepts SNI ";

  /** The trail step that marks a leg. */
  static String mark(String leg) {
    return "[" + leg + "]";
  }

  private final Walk w;
  private final ConcreteOracle o;
  private final OracleL7 l7;

  GatewayLegs(Walk w, ConcreteOracle o, OracleL7 l7) {
    this.w = w;
    this.o = o;
    this.l7 = l7;
  }

  private GatewayOptions options() {
    return o.options.gateway();
  }

  // ------------------------------------------------------------------------------------------ Istio

  /**
   * An HTTP request at an Istio gateway pod (section 7 steps 2-8): on the status port (not a listener port) only
   * {@code /healthz/ready} is answered (200), anything else 404; on a listener port the AuthorizationPolicies of the
   * pod decide first (CUSTOM, DENY, ALLOW; S5.2) over {@code source.ip} = this hop's peer and {@code remote.ip} from
   * {@code numTrustedProxies} (the flow carries no X-Forwarded-For, so it is the peer, S5.4 and 5.2), 403 before
   * routing (S5.8); then the router: 404, 500, a redirect answered by the gateway, or the weighted backends, sent from
   * the gateway pod to the endpoint's pod address and port (R2.28). Without a Host the request's Host is the pod's
   * address (a load balancer's probe).
   */
  void istio(Step arrived, Pod pod, IstioGateway ig) {
    Step s = arrived.then(mark(ISTIO) + " gateway " + ig.gateway().key());
    int port = s.seen().dstPort();
    if (port == STATUS_PORT && !ig.gateway().listenerPorts().contains(port)) {
      if (l7.path().equals(READY_PATH)) {
        w.deliver(s, "status port " + port + ": " + READY_PATH + " 200 from " + pod.key());
      } else {
        w.drop(s, INGRESS, OptionalInt.of(404), "status port " + port + " serves only " + READY_PATH);
      }
      return;
    }
    String host = l7.host().orElse(pod.podIps().isEmpty() ? "" : pod.podIps().get(0).toString());
    HttpRequest req = HttpRequest.get(port, host, l7.path());
    IpAddress peer = s.seen().srcIp();
    // an unreadable proxy.istio.io/config is a load note; the proxy then trusts no X-Forwarded-For entry
    int n = ig.numTrustedProxies(pod).getOrElse(0);
    IstioClientAddress addresses = IstioClientAddress.of(peer, req.header("X-Forwarded-For"), n);
    AuthzDecision authz = AuthorizationEvaluator.evaluate(ig.policiesFor(pod), AuthzRequest.of(req, addresses),
        options());
    if (!authz.allowed()) {
      w.drop(s, INGRESS, OptionalInt.of(403), "RBAC: access denied (" + authz.reason() + ")");
      return;
    }
    GatewayOutcome out = ig.router().route(req);
    if (!(out instanceof GatewayOutcome.Routed r)) {
      refusal(s, out);
      return;
    }
    Optional<Node> from = pod.nodeName().flatMap(o.k8s::node);
    if (from.isEmpty() || pod.podIps().isEmpty()) {
      w.drop(s, NO_ROUTE, "the gateway pod's node or address is not in the dump");
      return;
    }
    IpAddress src = pod.podIps().get(0);
    shares(s.then("gateway " + ig.gateway().key() + " at " + pod.key() + ": " + r.route().key() + " rule "
        + r.ruleIndex()), r, (b, e) -> {
          Step at = b.src(src).dst(e.address(), e.port());
          if (o.net.enforcesNetworkPolicy()) {
            NetworkPolicyDecision d = o.egress(at.seen(), pod);
            if (!d.allowed()) {
              w.drop(at, NETWORK_POLICY, "egress of " + pod.key() + ": " + d.reason());
              return;
            }
          }
          Optional<Pod> target = o.podOf(e);
          if (target.isEmpty()) {
            w.deliver(at, "endpoint " + e.address() + " (no pod in the dump)");
          } else {
            w.crossNode(at, from.get(), target.get());
          }
        });
  }

  /** What a gateway answers itself: a redirect or an error status; no listener or no TLS listener: no status. */
  private void refusal(Step s, GatewayOutcome out) {
    if (out instanceof GatewayOutcome.Redirected r) {
      w.drop(s, INGRESS, OptionalInt.of(r.status()), "redirect " + r.status() + " to " + r.location());
    } else if (out instanceof GatewayOutcome.Answered a) {
      w.drop(s, INGRESS, OptionalInt.of(a.status()), a.reason());
    } else if (out instanceof GatewayOutcome.NoListener nl) {
      w.drop(s, INGRESS, "no listener on port " + nl.port());
    } else if (out instanceof GatewayOutcome.TlsRefused t) {
      w.drop(s, INGRESS, TLS_REFUSED + t.sni());
    } else {
      throw new IllegalStateException("outcome " + out);
    }
  }

  /**
   * The winning rule's backendRefs by weight (R2.24; weight 0 entries never appear): a share the gateway cannot send
   * is its own 500 or 503 (R2.26), a sent share is split evenly over its ready endpoints, each walked by {@code to}.
   */
  private void shares(Step s, GatewayOutcome.Routed r, BiConsumer<Step, ServiceEndpoint> to) {
    shares(s, r.shares(), to);
  }

  private void shares(Step s, List<BackendShare> all, BiConsumer<Step, ServiceEndpoint> to) {
    long sum = 0;
    for (BackendShare share : all) {
      sum += share.ref().weight();
    }
    for (BackendShare share : all) {
      Step b = s.fork(Fraction.of(share.ref().weight(), sum), "backendRef " + share.ref());
      if (!share.forwarded()) {
        w.drop(b, INGRESS, share.failureStatus(), share.reason());
        continue;
      }
      Fraction each = Fraction.of(1, share.readyEndpoints().size());
      for (ServiceEndpoint e : share.readyEndpoints()) {
        to.accept(b.fork(each, "endpoint " + e.address() + ":" + e.port()), e);
      }
    }
  }

  // ------------------------------------------------------------------------------------------ AGC

  /**
   * Azure routing to an Application Gateway for Containers frontend (before the load balancers and the Internet rule:
   * a frontend is a public address of Azure's, A4.22): a Gateway that is not wired (no association subnet, proxy
   * address or frontend in the dump) or a port that is not one of its listeners' drops with NO_ROUTE; TCP to a
   * listener port enters AGC. Returns whether the destination is an AGC frontend (the flow is then handled).
   */
  boolean agcFrontend(Step at) {
    Step s = at;
    Flow f = s.seen();
    for (AgcGateway g : o.net.agcGateways()) {
      if (!g.frontends().contains(f.dstIp())) {
        continue;
      }
      s = s.then(mark(AGC) + " frontend of " + g.gateway().key());
      if (!g.wired()) {
        w.drop(s, NO_ROUTE, "AGC Gateway " + g.gateway().key() + " is not wired: " + g.notes());
      } else if (f.protocol() == Protocol.TCP && g.gateway().listenerPorts().contains(f.dstPort())) {
        agcEntry(s.then("AGC frontend of " + g.gateway().key() + " port " + f.dstPort()), g);
      } else {
        w.drop(s, NO_ROUTE, "AGC Gateway " + g.gateway().key() + " listens on TCP " + g.gateway().listenerPorts());
      }
      return true;
    }
    return false;
  }

  private NsgPath subnetPath(Subnet sub) {
    return new NsgPath(Optional.of(sub), sub.nsgId().flatMap(o.net.azure()::nsg), Optional.empty());
  }

  /**
   * The association subnet's inbound NSG sees the client and the frontend (or, option {@code agcNsgDestination
   * PROXY}, the proxy's address, S5.16); then the proxy: without an HTTP request AGC takes the connection (delivered);
   * else its router (listener isolation off, A4.26); then, unless the cluster is kubenet (no route to pods, A4.22),
   * the backends straight to the pod addresses (A4.22) from the proxy's address (A4.24, option) through the
   * association subnet's outbound NSG, the pod's node's inbound NSGs and the pod's NetworkPolicies.
   */
  private void agcEntry(Step s, AgcGateway g) {
    Subnet sub = g.association().orElseThrow();
    IpAddress proxy = g.proxyAddress().orElseThrow();
    Step at = options().agcNsgDestination() == AbstractGatewayOptions.AgcNsgDestination.PROXY
        ? s.dst(proxy, s.seen().dstPort()) : s;
    if (!o.nsgAllows(subnetPath(sub), Direction.INBOUND, at.seen(), false)) {
      w.drop(at, NSG, "association subnet " + sub.name() + " inbound NSG denies");
      return;
    }
    at = at.then("association subnet " + sub.name() + " inbound NSG allows");
    if (!l7.http()) {
      w.deliver(at, "AGC " + g.gateway().key() + " takes the connection");
      return;
    }
    HttpRequest req = HttpRequest.get(s.seen().dstPort(), l7.host().orElse(g.frontends().get(0).toString()),
        l7.path());
    GatewayRouter router = g.router();
    GatewayOutcome out = router.route(req);
    if (!(out instanceof GatewayOutcome.Routed r)) {
      refusal(at, out);
      return;
    }
    if (!g.podsReachable()) {
      w.drop(at, NO_ROUTE, "kubenet: AGC has no route to pod addresses (A4.22)");
      return;
    }
    boolean fromProxy = options().agcBackendSourceIsAssociationSubnet();
    List<BackendShare> probed = r.shares().stream().map(sh -> probed(g, sh)).toList();
    shares(at.then("AGC " + g.gateway().key() + ": " + r.route().key() + " rule " + r.ruleIndex()), probed, (b, e) -> {
      Step to = (fromProxy ? b.src(proxy) : b).dst(e.address(), e.port());
      Optional<Pod> pod = o.podOf(e);
      Optional<Node> node = pod.flatMap(p -> p.nodeName().flatMap(o.net::node)
          .filter(x -> !o.net.isAbsent(x) || o.net.networkPlugin() == NetworkPlugin.AZURE));
      if (pod.isPresent() && node.isEmpty()) {
        w.drop(to, NO_ROUTE, "pod " + pod.get().key() + " runs on a node the dump lacks");
        return;
      }
      if (!o.nsgAllows(subnetPath(sub), Direction.OUTBOUND, to.seen(), false)) {
        w.drop(to, NSG, "association subnet " + sub.name() + " outbound NSG denies");
        return;
      }
      if (pod.isEmpty()) {
        w.deliver(to, "endpoint " + e.address() + " (no pod in the dump)");
        return;
      }
      w.nodeInbound(to, node.get(), false, x -> w.podEntry(x, pod.get(), Optional.empty()));
    });
  }

  /**
   * AGC sends only to endpoints its health probe finds healthy (custom-health-probe): the probe ({@link AgcProbe})
   * walked on its own from the proxy's address through the association subnet's outbound NSG, the pod's node's inbound
   * NSGs and the pod's NetworkPolicies, then answered as {@link AgcProbe#failure()} says. A share none of whose ready
   * endpoints passes is answered by AGC as option agcNoHealthyBackends says (send-to-all keeps it whole). Transient
   * health: every endpoint healthy.
   */
  private BackendShare probed(AgcGateway g, BackendShare share) {
    if (o.options.transientHealth() || !share.forwarded() || share.service().isEmpty()) {
      return share;
    }
    List<ServiceEndpoint> healthy = new ArrayList<>();
    for (ServiceEndpoint e : share.readyEndpoints()) {
      if (probePasses(g, share.service().get().namespace(), share.service().get().name(), e)) {
        healthy.add(e);
      }
    }
    AgcNoHealthyBackends none = options().agcNoHealthyBackends();
    if (healthy.size() == share.readyEndpoints().size() || (healthy.isEmpty() && none
        == AgcNoHealthyBackends.SEND_TO_ALL)) {
      return share;
    }
    return healthy.isEmpty() ? new BackendShare(share.ref(), share.fraction(), share.service(), share.port(), List.of(),
        OptionalInt.of(none.status()), "no endpoint passes AGC's probe")
        : new BackendShare(share.ref(), share.fraction(), share.service(), share.port(), healthy, OptionalInt.empty(),
            "");
  }

  private boolean probePasses(AgcGateway g, String namespace, String service, ServiceEndpoint e) {
    AgcProbe p = AgcProbe.of(o.net.kubernetes(), namespace, service, e, o.options.httpProbeToPlainPodSucceeds());
    if (p.pod().isEmpty()) {
      return true;
    }
    Pod pod = p.pod().get();
    Optional<Node> node = pod.nodeName().flatMap(o.net::node)
        .filter(x -> !o.net.isAbsent(x) || o.net.networkPlugin() == NetworkPlugin.AZURE);
    if (node.isEmpty()) {
      return false;
    }
    Step s = Step.start(Flow.of(Protocol.TCP, g.proxyAddress().orElseThrow(), 50001, e.address(), p.port()));
    if (!o.nsgAllows(subnetPath(g.association().orElseThrow()), Direction.OUTBOUND, s.seen(), false)) {
      return false;
    }
    Walk probe = new Walk(o, OracleL7.NONE);
    probe.nodeInbound(s, node.get(), false, x -> probe.podEntry(x, pod, Optional.empty()));
    return p.failure().isEmpty() && !probe.out.isEmpty() && probe.out.stream().allMatch(OracleLeaf::delivered);
  }
}
