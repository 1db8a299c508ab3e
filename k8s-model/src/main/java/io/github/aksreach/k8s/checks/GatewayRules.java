package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.core.model.Destination;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.gateway.BackendShare;
import io.github.aksreach.k8s.gateway.GatewayAnswer;
import io.github.aksreach.k8s.gateway.GatewayDataPlane;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.gateway.IstioClientAddress;
import io.github.aksreach.k8s.gateway.IstioDataPlane;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.migration.GatewayClients;
import io.github.aksreach.k8s.migration.GatewayRequests;
import io.github.aksreach.k8s.migration.IstioGateways;
import io.github.aksreach.k8s.migration.SourceAtoms;
import io.github.aksreach.k8s.model.AuthorizationPolicy;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.netpol.NetworkPolicyDecision;
import io.github.aksreach.k8s.netpol.NetworkPolicyEvaluator;
import io.github.aksreach.k8s.netpol.NetworkPolicyOptions;
import io.github.aksreach.nsg.model.ProbeProtocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The checks of an Istio Gateway's own data plane and policies (see {@link MigrationChecks}). */
final class GatewayRules {
  private GatewayRules() {}

  private static final IpSet PRIVATE = IpSet.of(IpPrefix.of("10.0.0.0/8"), IpPrefix.of("172.16.0.0/12"),
      IpPrefix.of("192.168.0.0/16"), IpPrefix.of("100.64.0.0/10"), IpPrefix.of("127.0.0.0/8"),
      IpPrefix.of("169.254.0.0/16"), IpPrefix.of("0.0.0.0/8"));

  /** A request the gateway routes (its first route's first host and path), else {@code GET /} on its first port. */
  static HttpRequest sample(IstioGateway ig) {
    return GatewayRequests.of(ig).stream().findFirst().orElse(HttpRequest.get(
        ig.gateway().listenerPorts().stream().findFirst().orElse(80), "example.com", "/"));
  }

  private static boolean uses(AuthorizationPolicy p, Predicate<AuthorizationPolicy.Source> source, String key) {
    return p.rules().stream().anyMatch(r -> r.from().stream().anyMatch(source)
        || r.when().stream().anyMatch(c -> c.key().equals(key)));
  }

  static boolean usesSourceIp(AuthorizationPolicy p) {
    return uses(p, s -> !s.ipBlocks().isEmpty() || !s.notIpBlocks().isEmpty(), "source.ip");
  }

  static boolean usesRemoteIp(AuthorizationPolicy p) {
    return uses(p, s -> !s.remoteIpBlocks().isEmpty() || !s.notRemoteIpBlocks().isEmpty(), "remote.ip");
  }

  private static String keys(List<AuthorizationPolicy> ps) {
    return ps.stream().map(AuthorizationPolicy::key).toList().toString();
  }

  // ---------------------------------------------------------------- ipBlocks behind ETP Cluster

  static void ipBlocksUnderCluster(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    Service svc = ig.dataPlane().service();
    if (svc.externalTrafficPolicy() != TrafficPolicy.CLUSTER) {
      return;
    }
    KubernetesCluster k = ctx.scenario().kubernetes();
    HttpRequest req = sample(ig);
    for (Pod pod : IstioGateways.pods(ig)) {
      List<AuthorizationPolicy> ps = ig.policiesFor(pod).stream().filter(GatewayRules::usesSourceIp).toList();
      if (ps.isEmpty()) {
        continue;
      }
      IpSet intended = GatewayClients.admittedByPolicies(ig, pod, req, IpFamily.V4, MigrationRules.OPTIONS);
      List<String> seen = new ArrayList<>();
      IpSet admittedViaNodes = IpSet.empty();
      IpSet refusedViaNodes = IpSet.empty();
      List<IpSet> cuts = new ArrayList<>(GatewayClients.cuts(ps));
      for (Node n : k.nodes()) {
        for (IpAddress nodeIp : n.internalIps()) {
          boolean local = pod.nodeName().map(n.name()::equals).orElse(false);
          IpSet admitted = SourceAtoms.where(IpSet.all(IpFamily.V4), cuts, c -> ig.answer(pod, req,
              IstioClientAddress.peer(TrafficPolicy.CLUSTER, c, nodeIp, local, MigrationRules.OPTIONS))
              .map(GatewayAnswer::authz).map(a -> a.allowed()).getOrElse(false));
          seen.add("via node " + n.name() + ": source.ip " + IstioClientAddress.peer(TrafficPolicy.CLUSTER,
              IpAddress.of(Support.OUTSIDE_CLIENT), nodeIp, local, MigrationRules.OPTIONS) + ", admitted "
              + (admitted.isEmpty() ? "nobody" : Support.cidrs(admitted)));
          admittedViaNodes = admittedViaNodes.union(admitted);
          refusedViaNodes = refusedViaNodes.union(intended.difference(admitted));
        }
      }
      IpSet strangers = admittedViaNodes.difference(intended);
      if (refusedViaNodes.isEmpty() && strangers.isEmpty()) {
        continue;
      }
      String what = !refusedViaNodes.isEmpty() ? "the clients it allows (" + Support.cidrs(refusedViaNodes)
          + ") get 403" : "";
      if (!strangers.isEmpty()) {
        what += (what.isEmpty() ? "" : ", and ") + "clients it does not allow (" + Support.cidrs(strangers)
            + ") pass because node addresses are listed";
      }
      out.add(Violation.of("AuthorizationPolicy " + keys(ps) + " decides on source.ip (ipBlocks) at Gateway "
              + ig.gateway().key() + ", but its Service " + svc.key() + " uses externalTrafficPolicy Cluster: "
              + "kube-proxy masquerades clients to node addresses (A4.14, S5.10a), so " + what)
          .withEvidence(String.join("\n", seen) + "\nService from the " + (ig.dataPlane().serviceOrigin()
              == GatewayDataPlane.Origin.DUMPED ? "dump" : "Gateway (derived, A4.6)"))
          .withFix("set externalTrafficPolicy: Local in the Gateway's Service overlay ConfigMap and unset the "
              + "port_80/443_health-probe annotations (A4.11), or move the allow-list to loadBalancerSourceRanges")
          .at(MigrationRules.location(ctx, ig)));
      return;
    }
  }

  // ---------------------------------------------------------------- policy selecting no gateway pod

  /** The AuthorizationPolicies with a selector in a namespace that holds an Istio Gateway. */
  static List<AuthorizationPolicy> selectorPoliciesNearGateways(CheckContext ctx) {
    KubernetesCluster k = ctx.scenario().kubernetes();
    List<String> namespaces = IstioGateways.of(k, MigrationRules.OPTIONS).stream()
        .map(ig -> ig.gateway().namespace()).distinct().toList();
    return k.authorizationPolicies().stream().filter(p -> p.selector().isPresent()
        && namespaces.contains(p.namespace())).toList();
  }

  static void selectsNoGatewayPod(CheckContext ctx, AuthorizationPolicy p, ViolationCollector out) {
    KubernetesCluster k = ctx.scenario().kubernetes();
    Map<String, String> sel = p.selector().orElseThrow();
    Predicate<Pod> selected = pod -> pod.namespace().equals(p.namespace())
        && sel.entrySet().stream().allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey())));
    List<Pod> candidates = new ArrayList<>(k.pods());
    Map<String, Map<String, String>> gatewayLabels = new LinkedHashMap<>();
    for (IstioGateway ig : IstioGateways.of(k, MigrationRules.OPTIONS)) {
      if (ig.gateway().namespace().equals(p.namespace())) {
        candidates.addAll(IstioGateways.pods(ig));
        gatewayLabels.put(ig.gateway().key(), IstioGateways.pods(ig).get(0).labels());
      }
    }
    if (candidates.stream().anyMatch(selected)) {
      return;
    }
    String legacy = sel.containsKey("istio.io/gateway-name") ? ": istio.io/gateway-name is no longer set on "
        + "gateway pods since Istio 1.24 (A4.7), the label the Istio task page still shows (S5.1)" : "";
    String gw = gatewayLabels.keySet().stream().findFirst().map(x -> x.substring(x.indexOf('/') + 1)).orElse("?");
    out.add(Violation.of("AuthorizationPolicy " + p.key() + " (" + p.action() + ") selects " + sel + ", which no "
            + "pod in namespace " + p.namespace() + " carries" + legacy + "; it enforces nothing"
            + (p.action() == AuthorizationPolicy.Action.ALLOW ? ", so the gateway admits every client" : ""))
        .withEvidence("gateway pods' labels: " + gatewayLabels)
        .withFix("target the Gateway: targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: " + gw
            + "}], or selector matchLabels gateway.networking.k8s.io/gateway-name: " + gw)
        .at(ctx.location(p.provenance())));
  }

  // ---------------------------------------------------------------- remoteIpBlocks spoofable

  static void remoteIpSpoofable(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    Service svc = ig.dataPlane().service();
    if (!GatewayClients.admittedByService(svc, IpFamily.V4).equals(IpSet.all(IpFamily.V4))) {
      return;   // the Service admits only named sources: the trusted proxy in front (documented assumption)
    }
    HttpRequest req = sample(ig);
    IpAddress outsider = IpAddress.of(Support.OUTSIDE_CLIENT);
    KubernetesCluster k = ctx.scenario().kubernetes();
    for (Pod pod : IstioGateways.pods(ig)) {
      int n = ig.numTrustedProxies(pod).getOrElse(0);
      List<AuthorizationPolicy> ps = ig.policiesFor(pod).stream().filter(GatewayRules::usesRemoteIp).toList();
      if (n < 1 || ps.isEmpty()) {
        continue;
      }
      Optional<Node> node = pod.nodeName().flatMap(k::node).or(() -> k.nodes().stream().findFirst());
      IpAddress peer = node.flatMap(x -> x.internalIps().stream().findFirst()).map(ip ->
          IstioClientAddress.peer(svc.externalTrafficPolicy(), outsider, ip, true, MigrationRules.OPTIONS))
          .orElse(outsider);
      boolean plain = ig.answer(pod, req, peer).map(a -> a.authz().allowed()).getOrElse(true);
      if (plain) {
        continue;
      }
      for (IpSet cut : GatewayClients.cuts(ps)) {
        IpAddress claim = cut.first().orElseThrow();
        StringBuilder xff = new StringBuilder(claim.toString());
        for (int i = 1; i < n; i++) {
          xff.append(", ").append(outsider);
        }
        Optional<GatewayAnswer> spoofed = ig.answer(pod, req.withHeader("X-Forwarded-For", xff.toString()), peer)
            .toJavaOptional();
        if (spoofed.isPresent() && spoofed.get().authz().allowed()) {
          out.add(Violation.of("AuthorizationPolicy " + keys(ps) + " decides on remote.ip (remoteIpBlocks) with "
                  + "numTrustedProxies " + n + " at Gateway " + ig.gateway().key() + ", and nothing trusted is in "
                  + "front: Service " + svc.key() + " admits every source, so any client chooses remote.ip with "
                  + "X-Forwarded-For (S5.10b)")
              .withEvidence("a client at " + outsider + " (peer " + peer + ") gets 403; the same client sending "
                  + "X-Forwarded-For: " + xff + " is admitted: " + spoofed.get().addresses().explanation())
              .withFix("with no proxy in front: numTrustedProxies 0, externalTrafficPolicy Local and ipBlocks; "
                  + "behind an L7 proxy: restrict the Service to the proxy's addresses (loadBalancerSourceRanges or "
                  + "azure-allowed-service-tags) and set numTrustedProxies to the number of proxies that append")
              .at(MigrationRules.location(ctx, ig)));
          return;
        }
      }
    }
  }

  // ---------------------------------------------------------------- status port 15021 from the Internet

  static void statusPortPublic(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    Service svc = ig.dataPlane().service();
    if (!svc.isLoadBalancer() || svc.port(IstioDataPlane.STATUS_PORT, Protocol.TCP).isEmpty()) {
      return;
    }
    IpSet internet = IpSet.all(IpFamily.V4).difference(PRIVATE);
    if (ig.dataPlane().serviceOrigin() == GatewayDataPlane.Origin.DUMPED && !svc.frontendIps().isEmpty()) {
      for (IpAddress fe : svc.frontendIps()) {
        if (fe.family() != IpFamily.V4) {
          continue;
        }
        ReachSets r = ctx.analysis().reach(new Destination(fe, IstioDataPlane.STATUS_PORT, Protocol.TCP), L7.none(),
            internet).sets();
        IpSet reached = r.always().union(r.sometimes());
        if (!reached.isEmpty()) {
          out.add(Violation.of("status port " + fe + ":15021 of Gateway " + ig.gateway().key() + " (Service "
                  + svc.key() + ") is reachable from the Internet: " + Support.cidrs(reached) + " (A4.13)")
              .withEvidence("reach " + fe + ":15021/tcp from every public address: always " + Support.cidrs(
                  r.always()) + "; sometimes " + Support.cidrs(r.sometimes()))
              .withFix("the port cannot be removed on AKS (A4.10): restrict the Service with loadBalancerSourceRanges"
                  + " in the Gateway's Service overlay, or make the Gateway internal")
              .at(ctx.location(svc)));
          return;
        }
      }
      return;
    }
    if (!svc.azure().internal() && GatewayClients.admittedByService(svc, IpFamily.V4).equals(IpSet.all(
        IpFamily.V4))) {
      out.add(Violation.of("status port 15021 of Gateway " + ig.gateway().key() + " is reachable from the Internet: "
              + "the Service Istio generates (" + svc.key() + ", derived) is a public LoadBalancer without source "
              + "ranges, and cloud-provider-azure gives 15021 a rule and an Internet NSG rule like every port (A4.13)")
          .withEvidence("derived from the Service model, not traced: the dump holds no such Service")
          .withFix("restrict the Service with loadBalancerSourceRanges in the Gateway's Service overlay, or make the "
              + "Gateway internal")
          .at(MigrationRules.location(ctx, ig)));
    }
  }

  // ---------------------------------------------------------------- LB probe GET / on a listener without /

  static void probeOnRoot(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    Service svc = ig.dataPlane().service();
    for (LbRuleSpec r : ctx.network().loadBalancing().rules()) {
      if (r.service().map(s -> !s.key().equals(svc.key())).orElse(true) || r.probe().isEmpty()
          || r.probe().get().protocol() == ProbeProtocol.TCP) {
        continue;
      }
      var probe = r.probe().get();
      Optional<ServicePort> target = svc.portByNodePort(probe.port());
      if (target.isEmpty() || target.get().port() == IstioDataPlane.STATUS_PORT) {
        continue;
      }
      int listenerPort = target.get().port();
      String path = probe.requestPath().orElse("/");
      String host = r.backends().stream().flatMap(n -> n.internalIps().stream()).findFirst().map(Object::toString)
          .orElse(r.frontendIp().toString());
      GatewayOutcome o = ig.router().route(HttpRequest.get(listenerPort, host, path));
      if (!(o instanceof GatewayOutcome.Routed routed) || routed.forwardedFraction() == 0) {
        out.add(Violation.of("the load balancer probes Gateway " + ig.gateway().key() + " (Service " + svc.key()
                + " port " + r.frontendPort() + ") with " + probe.describe() + ", which Envoy routes to listener port "
                + listenerPort + " and answers without a backend: every node is probed DOWN (A4.11, 4.3)")
            .withEvidence("GET " + path + " with Host " + host + " on port " + listenerPort + ": " + o)
            .withFix("keep AKS's annotations service.beta.kubernetes.io/port_" + r.frontendPort()
                + "_health-probe_port: \"15021\", _protocol: http, _request-path: /healthz/ready (Istio's readiness "
                + "endpoint), or use externalTrafficPolicy Local (probe on healthCheckNodePort)")
            .at(ctx.location(svc)));
        return;
      }
    }
  }

  // ---------------------------------------------------------------- backend NetworkPolicy of the old ingress

  static void backendPolicyOldIngress(CheckContext ctx, IstioGateway ig, ViolationCollector out) {
    if (!ctx.network().enforcesNetworkPolicy()) {
      return;
    }
    KubernetesCluster k = ctx.scenario().kubernetes();
    List<Pod> gatewayPods = ig.dataPlane().pods().stream().filter(p -> !p.podIps().isEmpty()).toList();
    List<Pod> nginxPods = ctx.network().controllers().stream().flatMap(c -> c.pods().stream())
        .filter(p -> !p.podIps().isEmpty()).toList();
    for (HttpRequest req : GatewayRequests.of(ig)) {
      if (!(ig.router().route(req) instanceof GatewayOutcome.Routed routed)) {
        continue;
      }
      for (BackendShare share : routed.shares()) {
        for (ServiceEndpoint e : share.readyEndpoints()) {
          Optional<Pod> backend = e.targetRef().flatMap(t -> k.pod(t.namespace(), t.name()))
              .or(() -> k.podByIp(e.address()));
          if (backend.isEmpty()) {
            continue;
          }
          for (Pod gw : gatewayPods) {
            NetworkPolicyDecision d = NetworkPolicyEvaluator.decideIngress(k, gw.podIps().get(0), backend.get(),
                Protocol.TCP, e.port(), NetworkPolicyOptions.defaults());
            if (d.allowed()) {
              continue;
            }
            List<String> oldAdmitted = nginxPods.stream().filter(p -> NetworkPolicyEvaluator.decideIngress(k,
                p.podIps().get(0), backend.get(), Protocol.TCP, e.port(), NetworkPolicyOptions.defaults()).allowed())
                .map(Pod::key).toList();
            out.add(Violation.of("NetworkPolicy " + d.isolatedBy().stream().map(x -> x.namespace() + "/" + x.name())
                    .toList() + " refuses gateway pod " + gw.key() + " (" + gw.podIps().get(0) + ") to backend "
                    + backend.get().key() + ":" + e.port() + (oldAdmitted.isEmpty() ? "" : " while it still admits "
                    + "the ingress-nginx pods " + oldAdmitted) + ": Envoy answers 503 for " + req + " (A4.19)")
                .withEvidence(d.reason())
                .withFix("add a peer {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "
                    + gw.namespace() + "}}, podSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: "
                    + ig.gateway().name() + "}}} to the policy's ingress rule")
                .at(ctx.location(d.isolatedBy().isEmpty() ? Optional.empty()
                    : d.isolatedBy().get(0).provenance()).or(() -> MigrationRules.location(ctx, ig))));
            return;
          }
        }
      }
    }
  }
}
