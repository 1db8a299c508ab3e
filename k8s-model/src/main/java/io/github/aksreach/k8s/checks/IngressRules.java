package io.github.aksreach.k8s.checks;

import io.github.aksreach.k8s.trace.PodOrigin;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.aks.BackendHealth;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.analysis.ReachReport;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.nginx.IngressNginxConfig;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.k8s.nginx.NginxAccessPolicy;
import io.github.aksreach.k8s.nginx.NginxOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The ingress-nginx checks of the catalog (see {@link AksChecks} for what each one means). */
final class IngressRules {
  private IngressRules() {}

  private static NginxAccessPolicy access(CheckContext ctx, IngressNginxController c, Ingress ing) {
    return NginxAccessPolicy.forIngress(Optional.of(ing), ctx.network().router(c).config(), c.annotationsPrefix(),
        NginxOptions.defaults());
  }

  /** TCP ports of the Service, plain HTTP first (port 80, appProtocol http). */
  private static List<ServicePort> httpPorts(Service svc) {
    List<ServicePort> out = new ArrayList<>();
    for (ServicePort p : svc.ports()) {
      if (p.protocol() == Protocol.TCP) {
        boolean http = p.port() == 80 || p.appProtocol().map(a -> a.equalsIgnoreCase("http")).orElse(false);
        if (http) {
          out.add(0, p);
        } else {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static Optional<Location> configMapLocation(CheckContext ctx, IngressNginxController c) {
    Optional<ConfigMap> cm = ctx.scenario().kubernetes().configMap(c.configMap().namespace(), c.configMap().name());
    Optional<Location> l = cm.flatMap(m -> ctx.location(m.provenance()));
    return l.isPresent() ? l : c.pods().stream().findFirst().flatMap(ctx::location);
  }

  private static Optional<Location> controllerLocation(CheckContext ctx, IngressNginxController c) {
    Optional<Location> w = c.workload().flatMap(x -> ctx.location(x.provenance()));
    return w.isPresent() ? w : c.pods().stream().findFirst().flatMap(ctx::location);
  }

  // ---------------------------------------------------------------- allow-list under Cluster (403 for everyone)

  /** Whether the route's Ingress has an allow-list that parses. */
  static boolean hasAllowList(CheckContext ctx, AksSubjects.IngressRoute r) {
    NginxAccessPolicy ap = access(ctx, r.controller(), r.request().ingress());
    return ap.invalid().isEmpty() && !ap.allow().isEmpty();
  }

  static void allowListSnat(CheckContext ctx, AksSubjects.IngressRoute r, ViolationCollector out) {
    NginxAccessPolicy ap = access(ctx, r.controller(), r.request().ingress());
    IpSet legit = ap.allowSet().difference(ctx.snatAddresses());
    snat403(ctx, r.service(), r.request(), ap, legit).ifPresent(out::add);
  }

  private static Optional<Violation> snat403(CheckContext ctx, Service svc, CheckContext.IngressRequest req,
                                             NginxAccessPolicy ap, IpSet legit) {
    for (IpAddress fe : svc.frontendIps()) {
      Optional<IpAddress> client = legit.restrict(fe.family()).first();
      if (client.isEmpty()) {
        continue;
      }
      for (ServicePort sp : httpPorts(svc)) {
        Flow f = Flow.of(Protocol.TCP, client.get(), 50000, fe, sp.port())
            .withHttp(req.host().orElse(null), req.path());
        Verdict v = ctx.analysis().check(f).verdict();
        Set<String> seen = new LinkedHashSet<>();
        List<PathResult> forbidden = new ArrayList<>();
        for (PathResult p : v.paths()) {
          Optional<DropInfo> d = p.drop();
          if (d.isPresent() && d.get().kind() == AksHopKind.INGRESS && d.get().status().orElse(0) == 403) {
            forbidden.add(p);
            Support.nginxSaw(p, f).ifPresent(s -> seen.add(s.srcIp().toString()));
          }
        }
        if (forbidden.isEmpty()) {
          continue;
        }
        return Optional.of(Violation.of("Ingress " + req.ingress().key() + " allows only " + ap.allow() + " ("
                + ap.allowSource() + "), but Service " + svc.key() + " uses externalTrafficPolicy Cluster: kube-proxy "
                + "masquerades every connection, so NGINX checks " + String.join(", ", seen) + " instead of the "
                + "client, and the allowed client " + client.get() + " gets HTTP 403 (" + v.kind() + ", delivered "
                + Support.percent(v.deliveredFraction()) + ")")
            .withEvidence(Support.describe(v.paths(), f))
            .withTrace(forbidden)
            .withFix("set externalTrafficPolicy: Local on Service " + svc.key() + " (NGINX then sees the client's "
                + "address) and pin the controller pods to the ingress node pool; or filter the clients in the NSG "
                + "or with loadBalancerSourceRanges instead of the NGINX allow-list")
            .at(ctx.location(req.ingress())));
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- allow-list containing SNAT addresses

  static void allowListAdmitsSnat(CheckContext ctx, AksSubjects.IngressRoute route, ViolationCollector out) {
    IpSet snat = ctx.snatAddresses();
    Service svc = route.service();
    CheckContext.IngressRequest req = route.request();
    NginxAccessPolicy ap = access(ctx, route.controller(), req.ingress());
    if (!ap.allowSet().intersects(snat)) {
      return;
    }
    IpSet inside = ap.allowSet().intersection(snat);
    for (IpAddress fe : svc.frontendIps()) {
      List<ServicePort> ports = httpPorts(svc);
      if (ports.isEmpty()) {
        continue;
      }
      ReachReport r = ctx.analysis().reach(fe, ports.get(0).port(), Protocol.TCP, req.host(),
          Optional.of(req.path()), IpSet.all(fe.family()));
      IpSet admitted = r.sets().always().union(r.sets().sometimes()).difference(ap.allowSet());
      if (admitted.isEmpty()) {
        continue;
      }
      out.add(Violation.of("the allow-list of Ingress " + req.ingress().key() + " (" + ap.allow() + ") contains "
              + Support.cidrs(inside) + ", addresses kube-proxy masquerades client connections to under "
              + "externalTrafficPolicy Cluster on Service " + svc.key() + ": clients that are not on the list "
              + "pass NGINX whenever the load balancer picks such a node")
          .withEvidence("sources outside the allow-list that reach " + fe + ":" + ports.get(0).port() + " "
              + req.host().orElse("") + req.path() + ": " + Support.cidrs(admitted, 8))
          .withFlows(io.github.aksreach.core.model.FlowSpace.where(
              io.github.aksreach.core.model.Field.SRC_IP, admitted))
          .withFix("remove the node and pod ranges from the allow-list and set externalTrafficPolicy: Local "
              + "so NGINX sees the real client addresses")
          .at(ctx.location(req.ingress())));
      break;
    }
  }

  // ---------------------------------------------------------------- invalid allow-list value

  static void allowListInvalid(CheckContext ctx, AksSubjects.ServedIngress served, ViolationCollector out) {
    IngressNginxController c = served.controller();
    Ingress ing = served.ingress();
    NginxAccessPolicy ap = access(ctx, c, ing);
    if (ap.invalid().isPresent()) {
      out.add(Violation.of("Ingress " + ing.key() + " has an invalid access list: " + ap.invalid().get()
              + "; ingress-nginx renders its locations as 'return 503' for every client")
          .withEvidence("ingress-nginx rejects the annotation value (LocationDeniedError) and denies the location")
          .withFix("write the list as comma-separated addresses or CIDRs (e.g. 192.168.1.4/32,10.1.0.0/16)")
          .at(ctx.location(ing)));
    }
  }

  // ---------------------------------------------------------------- forwarded headers trusted from everywhere

  /** Whether the controller takes the client address from a header and trusts every peer to set it. */
  static boolean trustsEveryPeer(CheckContext ctx, IngressNginxController c) {
    return ctx.network().router(c).config().clientAddressSpoofable();
  }

  static void forwardedHeadersSpoofable(CheckContext ctx, IngressNginxController c, ViolationCollector out) {
    IngressNginxConfig cfg = ctx.network().router(c).config();
    List<String> guarded = new ArrayList<>();
    for (Ingress ing : ctx.network().router(c).ingresses()) {
      if (access(ctx, c, ing).restricted()) {
        guarded.add(ing.key());
      }
    }
    if (guarded.isEmpty() && cfg.whitelistSourceRange().isEmpty() && cfg.denylistSourceRange().isEmpty()) {
      return;
    }
    out.add(Violation.of("ingress-nginx " + c.key() + " takes the client address from " + cfg.forwardedForHeader()
            + " and trusts every peer (proxy-real-ip-cidr " + cfg.proxyRealIpCidr() + "): any client can claim an "
            + "allowed address and pass the access lists of " + (guarded.isEmpty() ? "the ConfigMap" : guarded))
        .withEvidence("use-forwarded-headers=" + cfg.useForwardedHeaders() + ", enable-real-ip=" + cfg.enableRealIp()
            + "; the Azure load balancer is layer 4 and adds no such header, so the header always comes from the "
            + "client")
        .withFix("set use-forwarded-headers: \"false\" (nothing in front of NGINX adds the header behind an Azure "
            + "load balancer), or restrict proxy-real-ip-cidr to the proxies that really add it")
        .at(configMapLocation(ctx, c)));
  }

  // ---------------------------------------------------------------- PROXY protocol without Private Link

  /** Whether the Service's controller expects a PROXY protocol header. */
  static boolean expectsProxyProtocol(CheckContext ctx, AksSubjects.IngressService s) {
    return ctx.network().router(s.controller()).config().useProxyProtocol();
  }

  static void proxyProtocolWithoutPls(CheckContext ctx, AksSubjects.IngressService s, ViolationCollector out) {
    Service svc = s.service();
    if (svc.azure().plsCreate() && svc.azure().plsProxyProtocol()) {
      return;
    }
    out.add(Violation.of("ingress-nginx " + s.controller().key() + " expects PROXY protocol (use-proxy-protocol: "
            + "true), but Service " + svc.key() + " is a plain Azure load balancer without a Private Link Service "
            + "sending it: NGINX fails every request ('broken header while reading PROXY protocol')")
        .withEvidence("Azure Load Balancer is pass-through at layer 4; only a Private Link Service with "
            + "azure-pls-proxy-protocol: \"true\" prepends a PROXY v2 header")
        .withFix("set use-proxy-protocol: \"false\", or put the Service behind a Private Link Service "
            + "(service.beta.kubernetes.io/azure-pls-create: \"true\" and azure-pls-proxy-protocol: \"true\") and "
            + "let clients come only through it")
        .at(configMapLocation(ctx, s.controller())));
  }

  // ---------------------------------------------------------------- HTTP probe on / against ingress-nginx

  static void probeOnRoot(CheckContext ctx, LbRuleSpec r, ViolationCollector out) {
    Service svc = r.service().orElseThrow();
    var probe = r.probe().orElseThrow();
    if (!probe.requestPath().orElse("/").equals("/")) {
      return;
    }
    List<String> states = new ArrayList<>();
    for (BackendHealth b : ctx.analysis().health().backends()) {
      if (b.rules().contains(r)) {
        states.add(b.node().name() + " " + b.state() + " (" + b.reason() + ")");
      }
    }
    String why = r.servicePort().flatMap(ServicePort::appProtocol).map(a -> "appProtocol " + a + " on Kubernetes "
        + ctx.scenario().kubernetesVersion().map(Object::toString).orElse(">= 1.24")).orElse("the probe annotations");
    out.add(Violation.of("the load balancer probes Service " + svc.key() + " port " + r.frontendPort() + " with "
            + probe.describe() + " (" + why + " and no request-path annotation): ingress-nginx answers 404 on / "
            + "without a matching Host, so the backends are probed DOWN")
        .withEvidence(String.join("\n", states))
        .withFix("annotate the Service with service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path:"
            + " /healthz (ingress-nginx answers 200 there)")
        .at(ctx.location(svc)));
  }

  // ---------------------------------------------------------------- ingress pods not pinned under Local

  /** Whether some LoadBalancer Service with externalTrafficPolicy Local fronts the controller. */
  static boolean servesLocal(CheckContext ctx, IngressNginxController c) {
    return ctx.ingressServices().entrySet().stream().anyMatch(e -> e.getValue().key().equals(c.key())
        && e.getKey().externalTrafficPolicy() == TrafficPolicy.LOCAL);
  }

  static void notPinned(CheckContext ctx, IngressNginxController c, ViolationCollector out) {
    Map<String, List<String>> byPool = new TreeMap<>();
    boolean pinned = true;
    for (Pod p : c.pods()) {
      if (!p.isLive()) {
        continue;
      }
      String pool = p.nodeName().flatMap(ctx.scenario().kubernetes()::node).flatMap(Node::pool).orElse("?");
      byPool.computeIfAbsent(pool, k -> new ArrayList<>()).add(p.name());
      pinned &= Support.pinnedByNodeSelector(p);
    }
    if (byPool.size() > 1) {
      out.add(Violation.of("the pods of ingress controller " + c.key() + " run in node pools " + byPool.keySet()
              + " without an agentpool nodeSelector: under externalTrafficPolicy Local every node hosting one "
              + "is a load-balancer backend, so clients land in every one of those subnets")
          .withEvidence("pods by pool: " + byPool)
          .withFix("add nodeSelector agentpool: <ingress pool> (and a toleration for its taint) to the controller's "
              + "pod template, so only the ingress pool's nodes answer the health probe")
          .at(controllerLocation(ctx, c)));
    } else if (!pinned && !byPool.isEmpty()) {
      out.add(Violation.of("the pods of ingress controller " + c.key() + " happen to run in pool "
              + byPool.keySet() + " only, but nothing pins them there: a reschedule under externalTrafficPolicy "
              + "Local moves client traffic into another subnet")
          .withEvidence("pods by pool: " + byPool + "; no agentpool nodeSelector")
          .withFix("add nodeSelector agentpool: <ingress pool> to the controller's pod template")
          .at(controllerLocation(ctx, c)));
    }
  }

  // ---------------------------------------------------------------- single ingress node or zone

  static void singleNodeOrZone(CheckContext ctx, IngressNginxController c, ViolationCollector out) {
    Set<String> nodes = new LinkedHashSet<>();
    Set<String> zones = new LinkedHashSet<>();
    boolean zonesKnown = true;
    int ready = 0;
    for (Pod p : c.pods()) {
      if (!p.isLive() || !p.ready() || p.nodeName().isEmpty()) {
        continue;
      }
      ready++;
      nodes.add(p.nodeName().get());
      Optional<String> z = p.nodeName().flatMap(ctx.scenario().kubernetes()::node)
          .flatMap(n -> n.label("topology.kubernetes.io/zone")).filter(x -> !x.isEmpty() && !x.equals("0")
              && !x.matches(".*-0"));
      if (z.isPresent()) {
        zones.add(z.get());
      } else {
        zonesKnown = false;
      }
    }
    if (ready == 0) {
      return;
    }
    if (nodes.size() == 1) {
      out.add(Violation.of("every ready pod of ingress controller " + c.key() + " (" + ready + ") runs on node "
              + nodes.iterator().next() + ": one node failure, drain or upgrade takes all ingress traffic down")
          .withEvidence("ready controller pods: " + ready + ", nodes: " + nodes)
          .withFix("run at least two replicas with a topologySpreadConstraint (or pod anti-affinity) on "
              + "kubernetes.io/hostname, in the ingress pool")
          .at(controllerLocation(ctx, c)));
    } else if (zonesKnown && zones.size() == 1) {
      out.add(Violation.of("every ready pod of ingress controller " + c.key() + " runs in zone "
              + zones.iterator().next() + ": a zone outage takes all ingress traffic down")
          .withEvidence("nodes " + nodes + " all in zone " + zones)
          .withFix("spread the replicas over zones (topologySpreadConstraint on topology.kubernetes.io/zone)")
          .at(controllerLocation(ctx, c)));
    }
  }

  // ---------------------------------------------------------------- traffic share per ingress pod

  /** The share of client connections each ready controller pod receives, by pod key. */
  static Map<String, Weight> trafficShare(CheckContext ctx, Service svc, IngressNginxController c) {
    Map<String, Weight> share = new TreeMap<>();
    for (Pod p : c.pods()) {
      if (p.isLive() && p.ready()) {
        share.put(p.key(), Weight.ZERO);
      }
    }
    Optional<Flow> flow = representativeFlow(ctx, svc);
    if (flow.isEmpty()) {
      return share;
    }
    for (PathResult p : ctx.analysis().check(flow.get(), SolveOptions.explaining()).verdict().paths()) {
      for (Hop h : p.hops()) {
        if (h.kind() == AksHopKind.POD) {
          String key = h.origin() instanceof PodOrigin
              ? ((PodOrigin) h.origin()).pod().map(Object::toString).orElse("") : "";
          if (share.containsKey(key)) {
            share.merge(key, p.weight(), Weight::plus);
          }
          break;
        }
      }
    }
    return share;
  }

  /** A layer-4 client flow to the Service's first TCP frontend port: from an intent's client if one targets it. */
  static Optional<Flow> representativeFlow(CheckContext ctx, Service svc) {
    for (var intent : ctx.scenario().config().intents()) {
      for (Flow f : ctx.clientFlows(intent)) {
        if (svc.frontendIps().contains(f.dstIp())) {
          return Optional.of(f.withHttp(null, null));
        }
      }
    }
    for (IpAddress fe : svc.frontendIps()) {
      for (ServicePort sp : httpPorts(svc)) {
        IpAddress src = fe.family() == IpFamily.V4 ? IpAddress.of(Support.OUTSIDE_CLIENT) : IpAddress.of("2001:db8::10");
        return Optional.of(Flow.of(Protocol.TCP, src, 50000, fe, sp.port()));
      }
    }
    return Optional.empty();
  }

  static void trafficImbalance(CheckContext ctx, AksSubjects.IngressService s, ViolationCollector out) {
    Map.Entry<Service, IngressNginxController> e = Map.entry(s.service(), s.controller());
    Map<String, Weight> share = trafficShare(ctx, e.getKey(), e.getValue());
    if (share.size() < 2) {
      return;
    }
    Weight max = share.values().stream().max(Weight::compareTo).orElseThrow();
    Weight min = share.values().stream().min(Weight::compareTo).orElseThrow();
    boolean imbalanced = min.isZero() || max.toDouble() > 1.5 * min.toDouble();
    if (!imbalanced) {
      return;
    }
    String numbers = share.entrySet().stream().map(x -> x.getKey() + " " + Support.percent(x.getValue()))
        .collect(Collectors.joining(", "));
    out.add(Violation.of("client connections to Service " + e.getKey().key() + " (externalTrafficPolicy "
            + e.getKey().externalTrafficPolicy().apiName() + ") spread unevenly over the ingress pods: " + numbers)
        .withEvidence("the load balancer spreads connections evenly over the backend nodes in rotation"
            + (e.getKey().externalTrafficPolicy() == TrafficPolicy.LOCAL ? "; under Local each node splits its "
            + "share among its own pods, so a node with more replicas gives each of them less, and a pod on a node "
            + "out of rotation gets nothing" : "") + ". Shares: " + numbers)
        .withFix("spread the replicas evenly over the nodes in rotation (one per node: topologySpreadConstraint "
            + "with maxSkew 1 on kubernetes.io/hostname), or accept the imbalance as the price of Local")
        .at(controllerLocation(ctx, e.getValue())));
  }
}
