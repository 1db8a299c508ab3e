package io.github.aksreach.k8s.nginx;

import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.solver.ElementKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementGraph;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.PathTree;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.KubernetesCluster;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngressNginxClassifiersTest {
  private static final String HOST = "demoapi.eyskens.corp";
  private static final String PATH = "/weatherforecast";
  private static final NginxRequest REQ = NginxRequest.of(HOST, PATH);

  private static Classifier classifier(String step, IngressNginxConfig cfgOverride, NginxRequest req) {
    KubernetesCluster c = TestFiles.lab(step);
    IngressNginxController ctl = IngressNginxController.detect(c).get(0);
    IngressNginxConfig cfg = cfgOverride != null ? cfgOverride : ctl.config(c);
    IngressNginxRouter router = IngressNginxRouter.of(c, ctl, cfg, NginxOptions.defaults());
    NginxRoute route = router.route(req.host(), req.path());
    return IngressNginxClassifiers.forRoute(K("nginx"), Origin.of(AksHopKind.INGRESS, "ingress-nginx 10.244.2.2"), route, cfg,
        req, K("simpleapi"));
  }

  private static Outcome decide(Classifier c, String src) {
    return c.outcome(c.decide(Flow.of(io.github.aksreach.core.model.Protocol.TCP, IpAddress.of(src), 40000,
        IpAddress.of("10.244.2.2"), 80)));
  }

  @Test
  void step1WithoutAllowListEverySnatAddressReachesSimpleapi() {
    Classifier c = classifier("step1-cluster-open", null, REQ);
    for (String seen : List.of("10.244.2.1", "192.168.0.4", "192.168.0.36", "192.168.1.4")) {
      assertThat(decide(c, seen)).isInstanceOf(Outcome.Next.class);
      assertThat(((Outcome.Next) decide(c, seen)).target()).isEqualTo(K("simpleapi"));
    }
  }

  @Test
  void step2AllowListForbidsEverySnatAddressWith403() {
    Classifier c = classifier("step2-cluster-allowlist", null, REQ);
    for (String seen : List.of("10.244.2.1", "192.168.0.4", "192.168.0.36")) {
      Outcome o = decide(c, seen);
      assertThat(o).isInstanceOf(Outcome.Drop.class);
      Outcome.Drop d = (Outcome.Drop) o;
      assertThat(d.kind()).isEqualTo(AksHopKind.INGRESS);
      assertThat(d.status()).hasValue(403);
      assertThat(d.reason()).contains("whitelist-source-range").contains("default/weather");
      assertThat(d.bypassTo()).contains(K("simpleapi"));
      assertThat(c.rules().get(c.decide(Flow.tcp(seen + ":1", "10.244.2.2:80"))).ref().name())
          .isEqualTo("whitelist-source-range");
    }
    assertThat(decide(c, "192.168.1.4")).as("only with externalTrafficPolicy Local does NGINX see the client")
        .isInstanceOf(Outcome.Next.class);
  }

  @Test
  void step2IsBypassedWithASpoofedForwardedHeaderWhenForwardedHeadersAreOn() {
    IngressNginxConfig cfg = IngressNginxConfig.defaults().withUseForwardedHeaders(true);
    Classifier c = classifier("step2-cluster-allowlist", cfg, REQ.withForwardedFor(List.of(
        IpAddress.of("192.168.1.4"))));
    assertThat(decide(c, "10.244.2.1")).isInstanceOf(Outcome.Next.class);
    assertThat(((Outcome.Next) decide(c, "10.244.2.1")).decision()).contains("client-controlled");
    assertThat(decide(c, "2001:db8::1")).as("0.0.0.0/0 does not trust IPv6 peers").isInstanceOf(Outcome.Drop.class);
  }

  @Test
  void unknownPathsAnd404AndHealthz() {
    Classifier notFound = classifier("step1-cluster-open", null, NginxRequest.of(HOST, "/other"));
    Outcome.Drop d = (Outcome.Drop) decide(notFound, "10.244.2.1");
    assertThat(d.status()).hasValue(404);
    assertThat(d.bypassTo()).isEmpty();
    Classifier probeRoot = classifier("step1-cluster-open", null, NginxRequest.of("192.168.0.22", "/"));
    assertThat(((Outcome.Drop) decide(probeRoot, "10.244.2.1")).status()).hasValue(404);
    Classifier healthz = classifier("step2-cluster-allowlist", null, NginxRequest.of("192.168.0.22", "/healthz"));
    assertThat(decide(healthz, "10.244.2.1")).as("healthz ignores the allow list").isInstanceOf(Outcome.Next.class);
  }

  @Test
  void invalidListDeniesEveryoneWith503() {
    KubernetesCluster c = TestFiles.lab("step2-cluster-allowlist");
    var weather = c.ingress("default", "weather").orElseThrow();
    KubernetesCluster broken = c.withIngresses(weather.withAnnotations(java.util.Map.of(
        "nginx.ingress.kubernetes.io/whitelist-source-range", "192.168.1.4/33")));
    IngressNginxController ctl = IngressNginxController.detect(broken).get(0);
    IngressNginxRouter router = IngressNginxRouter.of(broken, ctl, ctl.config(broken), NginxOptions.defaults());
    Classifier cl = IngressNginxClassifiers.forRoute(K("nginx"), Origin.of(AksHopKind.INGRESS, "nginx"), router.route(Optional.of(HOST), PATH),
        ctl.config(broken), REQ, K("simpleapi"));
    Outcome.Drop d = (Outcome.Drop) decide(cl, "192.168.1.4");
    assertThat(d.status()).hasValue(503);
    assertThat(d.reason()).contains("192.168.1.4/33");
  }

  @Test
  void proxyProtocolBehindAPlainLoadBalancerDropsEverything() {
    Classifier c = classifier("step1-cluster-open", IngressNginxConfig.defaults().withUseProxyProtocol(true), REQ);
    Outcome.Drop d = (Outcome.Drop) decide(c, "192.168.1.4");
    assertThat(d.status()).isEmpty();
    assertThat(d.reason()).contains("broken header");
    Classifier pls = classifier("step1-cluster-open", IngressNginxConfig.defaults().withUseProxyProtocol(true),
        REQ.withProxyProtocolSource(IpAddress.of("192.168.1.4")));
    assertThat(decide(pls, "10.244.2.1")).isInstanceOf(Outcome.Next.class);
  }

  @Test
  void pathSolverGivesTheExactSetOfAllowedPeers() {
    Classifier c = classifier("step2-cluster-allowlist", null, REQ);
    PathTree t = PathSolver.solve(ElementGraph.of(c, Sink.of("simpleapi", "simpleapi", "POD")), K("nginx"),
        FlowSpace.all(), SolveOptions.defaults());
    assertThat(t.reachBySource().always()).isEqualTo(IpSet.of(IpPrefix.of("192.168.1.4/32")));
  }

  @Test
  void forRequestRoutesAndClassifiesInOneCall() {
    KubernetesCluster c = TestFiles.lab("step2-cluster-allowlist");
    IngressNginxController ctl = IngressNginxController.detect(c).get(0);
    IngressNginxClassifiers.RoutedRequest r = IngressNginxClassifiers.forRequest(c, ctl, REQ, K("nginx"), Origin.of(AksHopKind.INGRESS, "nginx"),
        route -> K(route instanceof NginxRoute.Healthz ? "nginx-self" : "svc:default/simpleapi"), NginxOptions.defaults());
    assertThat(r.route()).isInstanceOf(NginxRoute.Backend.class);
    assertThat(((Outcome.Drop) decide(r.classifier(), "10.244.2.1")).status()).hasValue(403);
    assertThat(((Outcome.Next) decide(r.classifier(), "192.168.1.4")).target()).isEqualTo(K("svc:default/simpleapi"));
    IngressNginxClassifiers.RoutedRequest probe = IngressNginxClassifiers.forRequest(c, ctl,
        NginxRequest.of(null, "/healthz"), K("nginx"), Origin.of(AksHopKind.INGRESS, "nginx"),
        route -> K(route instanceof NginxRoute.Healthz ? "nginx-self" : "svc"), NginxOptions.defaults());
    assertThat(((Outcome.Next) decide(probe.classifier(), "168.63.129.16")).target()).isEqualTo(K("nginx-self"));
  }

  private static ElementKey K(String name) {
    return ElementKey.named(name);
  }
}
