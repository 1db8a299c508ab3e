package io.github.aksreach.k8s.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.PortRef;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngressNginxRouterTest {
  private static final IngressNginxController CTL = IngressNginxController.builder().namespace("ingress")
      .name("ingress-nginx-controller").configMap(ObjectRef.of("ConfigMap", "ingress", "ingress-nginx-controller"))
      .build();

  private static IngressPath path(String p, PathType t, String svc) {
    return IngressPath.builder().path(p).pathType(t).backend(IngressBackend.service(svc, PortRef.number(80))).build();
  }

  private static Ingress ingress(String name, Optional<String> host, IngressPath... paths) {
    IngressRule.Builder r = IngressRule.builder().addPaths(paths);
    host.ifPresent(r::host);
    return Ingress.builder().namespace("default").name(name).ingressClassName("nginx").addRules(r.build()).build();
  }

  private static IngressNginxRouter router(NginxOptions o, Ingress... ingresses) {
    KubernetesCluster c = KubernetesCluster.builder().addIngresses(ingresses)
        .addIngressClasses(IngressClass.builder().name("nginx").controller("k8s.io/ingress-nginx").build()).build();
    return IngressNginxRouter.of(c, CTL, IngressNginxConfig.defaults(), o);
  }

  private static IngressNginxRouter router(Ingress... ingresses) {
    return router(NginxOptions.defaults(), ingresses);
  }

  private static String target(NginxRoute r) {
    if (r instanceof NginxRoute.Backend) {
      return ((NginxRoute.Backend) r).backend().serviceName().orElseThrow();
    }
    return r instanceof NginxRoute.Healthz ? "200" : "404";
  }

  @Test
  void labRequestIsRoutedToSimpleapiAndTheProbePathsAnswerLikeNginx() {
    KubernetesCluster c = TestFiles.lab("step1-cluster-open");
    IngressNginxRouter r = IngressNginxRouter.of(c, IngressNginxController.detect(c).get(0),
        IngressNginxConfig.defaults(), NginxOptions.defaults());
    NginxRoute route = r.route(Optional.of("demoapi.eyskens.corp"), "/weatherforecast");
    assertThat(route).isInstanceOf(NginxRoute.Backend.class);
    NginxRoute.Backend b = (NginxRoute.Backend) route;
    assertThat(b.ingress().key()).isEqualTo("default/weather");
    assertThat(b.backend()).isEqualTo(IngressBackend.service("simpleapi", PortRef.number(8080)));
    assertThat(r.upstreams(b)).singleElement()
        .matches(u -> u.address().equals(IpAddress.of("10.244.1.5")) && u.port() == 8080);
    assertThat(r.route(Optional.of("DemoAPI.eyskens.corp:80"), "/weatherforecast?city=x"))
        .isInstanceOf(NginxRoute.Backend.class);
    assertThat(r.route(Optional.of("demoapi.eyskens.corp"), "/weatherforecastX"))
        .as("Prefix matches path elements").isInstanceOf(NginxRoute.NotFound.class);
    assertThat(r.route(Optional.of("192.168.0.22"), "/healthz")).isInstanceOf(NginxRoute.Healthz.class);
    assertThat(r.route(Optional.empty(), "/")).as("what an HTTP probe on / gets").isInstanceOf(NginxRoute.NotFound.class);
    assertThat(r.route(Optional.of("other.example.com"), "/weatherforecast")).isInstanceOf(NginxRoute.NotFound.class);
    assertThat(r.route(Optional.of("demoapi.eyskens.corp"), "/healthz"))
        .as("/healthz exists on the default server only").isInstanceOf(NginxRoute.NotFound.class);
  }

  @Test
  void exactBeatsPrefixAndTheLongestPrefixWins() {
    IngressNginxRouter r = router(ingress("i", Optional.of("a.example.com"),
        path("/", PathType.PREFIX, "root"),
        path("/api", PathType.PREFIX, "api"),
        path("/api/v2/", PathType.PREFIX, "v2"),
        path("/api/v2", PathType.EXACT, "exact")));
    Optional<String> h = Optional.of("a.example.com");
    assertThat(target(r.route(h, "/"))).isEqualTo("root");
    assertThat(target(r.route(h, "/apix"))).isEqualTo("root");
    assertThat(target(r.route(h, "/api"))).isEqualTo("api");
    assertThat(target(r.route(h, "/api/v1"))).isEqualTo("api");
    assertThat(target(r.route(h, "/api/v2"))).isEqualTo("exact");
    assertThat(target(r.route(h, "/api/v2/x"))).isEqualTo("v2");
    assertThat(target(r.route(h, "/api/v2/"))).isEqualTo("v2");
  }

  @Test
  void implementationSpecificIsACharacterPrefixByDefault() {
    Ingress i = ingress("i", Optional.of("a.example.com"), path("/foo", PathType.IMPLEMENTATION_SPECIFIC, "foo"));
    Optional<String> h = Optional.of("a.example.com");
    assertThat(target(router(i).route(h, "/foobar"))).isEqualTo("foo");
    assertThat(target(router(NginxOptions.builder()
        .implementationSpecificMatch(NginxOptions.ImplementationSpecificMatch.PATH_PREFIX).build(), i)
        .route(h, "/foobar"))).isEqualTo("404");
    assertThat(target(router(i).route(h, "/foo/bar"))).isEqualTo("foo");
  }

  @Test
  void hostsAreExactThenWildcardElseTheDefaultServer() {
    IngressNginxRouter r = router(
        ingress("exact", Optional.of("api.example.com"), path("/", PathType.PREFIX, "exact")),
        ingress("wild", Optional.of("*.example.com"), path("/", PathType.PREFIX, "wild")),
        ingress("nohost", Optional.empty(), path("/shared", PathType.PREFIX, "catchall")));
    assertThat(target(r.route(Optional.of("api.example.com"), "/x"))).isEqualTo("exact");
    assertThat(target(r.route(Optional.of("www.example.com"), "/x"))).isEqualTo("wild");
    assertThat(target(r.route(Optional.of("example.com"), "/shared"))).isEqualTo("catchall");
    assertThat(target(r.route(Optional.of("api.example.com"), "/shared")))
        .as("rules without host do not serve known hosts").isEqualTo("exact");
    assertThat(r.server(Optional.of("10.0.0.1"))).isEqualTo("_");
    assertThat(target(r.route(Optional.empty(), "/healthz/x"))).isEqualTo("200");
    // DOMAIN-GATEWAY R2.11: nginx renders *.example.com as ~^(?<subdomain>[\w-]+)\.example\.com$, one label only
    assertThat(r.server(Optional.of("a.b.example.com"))).isEqualTo("_");
    assertThat(r.server(Optional.of("a-1_b.example.com"))).isEqualTo("*.example.com");
    assertThat(target(r.route(Optional.of("a.b.example.com"), "/shared"))).isEqualTo("catchall");
  }

  @Test
  void ingressDefaultBackendsServeUnmatchedPaths() {
    Ingress withDefault = ingress("d", Optional.of("a.example.com"), path("/api", PathType.PREFIX, "api"))
        .withDefaultBackend(IngressBackend.service("fallback", PortRef.number(80)));
    Ingress catchAll = Ingress.builder().namespace("default").name("all").ingressClassName("nginx")
        .defaultBackend(IngressBackend.service("everything", PortRef.number(80))).build();
    IngressNginxRouter r = router(withDefault, catchAll);
    assertThat(target(r.route(Optional.of("a.example.com"), "/other"))).isEqualTo("fallback");
    assertThat(target(r.route(Optional.of("b.example.com"), "/other"))).isEqualTo("everything");
    assertThat(((NginxRoute.Backend) r.route(Optional.of("b.example.com"), "/")).defaultBackend()).isTrue();
  }

  @Test
  void theOldestIngressWinsATie() {
    Ingress older = ingress("older", Optional.of("a.example.com"), path("/", PathType.PREFIX, "old"))
        .withCreationTimestamp(Instant.parse("2022-01-01T00:00:00Z"));
    Ingress newer = ingress("a-newer", Optional.of("a.example.com"), path("/", PathType.PREFIX, "new"))
        .withCreationTimestamp(Instant.parse("2023-01-01T00:00:00Z"));
    IngressNginxRouter r = router(newer, older);
    assertThat(r.ingresses()).extracting(Ingress::name).containsExactly("older", "a-newer");
    assertThat(target(r.route(Optional.of("a.example.com"), "/"))).isEqualTo("old");
  }

  @Test
  void ingressesOfOtherClassesAreIgnored() {
    Ingress traefik = ingress("t", Optional.of("a.example.com"), path("/", PathType.PREFIX, "t"))
        .withIngressClassName("traefik");
    IngressNginxRouter r = router(traefik);
    assertThat(r.ingresses()).isEmpty();
    assertThat(target(r.route(Optional.of("a.example.com"), "/"))).isEqualTo("404");
  }
}
