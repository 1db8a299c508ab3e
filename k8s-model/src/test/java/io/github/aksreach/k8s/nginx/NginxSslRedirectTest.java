package io.github.aksreach.k8s.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressTls;
import io.github.aksreach.k8s.model.KubernetesCluster;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ingress-nginx's {@code ssl-redirect} and {@code force-ssl-redirect} (nginx.tmpl location block, controller.go
 * createServers; DOMAIN-GATEWAY 6.1): on the lab's Ingress (host demoapi.eyskens.corp), with and without a tls entry,
 * annotations and ConfigMap keys.
 */
class NginxSslRedirectTest {
  private static final String HOST = "demoapi.eyskens.corp";
  private static final String PATH = "/weatherforecast";
  private static final String PREFIX = "nginx.ingress.kubernetes.io/";

  private static Optional<NginxSslRedirect.Redirect> redirect(boolean tls, Map<String, String> annotations,
      Map<String, String> configMap, String host, boolean https, Optional<String> proto) {
    KubernetesCluster c = TestFiles.lab("step1-cluster-open");
    c = c.withIngresses(c.ingresses().stream().map(i -> edit(i, tls, annotations)).toList());
    IngressNginxController ctl = IngressNginxController.detect(c).get(0);
    IngressNginxRouter router = IngressNginxRouter.of(c, ctl, IngressNginxConfig.fromData(configMap),
        NginxOptions.defaults());
    NginxRoute route = router.route(Optional.of(host), PATH);
    return NginxSslRedirect.of(router, route, host, PATH, https, proto);
  }

  private static Ingress edit(Ingress i, boolean tls, Map<String, String> annotations) {
    Ingress out = i.withAnnotations(annotations);
    return tls ? out.withTls(IngressTls.builder().addHosts(HOST).secretName("demoapi-tls").build()) : out;
  }

  private static Optional<NginxSslRedirect.Redirect> plain(boolean tls, Map<String, String> ann, Map<String, String> cm) {
    return redirect(tls, ann, cm, HOST, false, Optional.empty());
  }

  @Test
  void aHostListedInTlsIsRedirectedWith308ToHttpsOnPlainHttpOnly() {
    NginxSslRedirect.Redirect r = plain(true, Map.of(), Map.of()).orElseThrow();
    assertThat(r.status()).isEqualTo(308);
    assertThat(r.location()).isEqualTo("https://" + HOST + PATH);
    assertThat(r.reason()).contains("ssl-redirect").contains("lists it in spec.tls");
    assertThat(redirect(true, Map.of(), Map.of(), HOST, true, Optional.empty())).isEmpty();
  }

  @Test
  void withoutTlsNothingIsRedirectedUnlessForced() {
    assertThat(plain(false, Map.of(), Map.of())).isEmpty();
    assertThat(plain(false, Map.of(PREFIX + "force-ssl-redirect", "true"), Map.of())).get()
        .satisfies(r -> assertThat(r.reason()).startsWith("force-ssl-redirect of Ingress"));
    assertThat(plain(false, Map.of(), Map.of("force-ssl-redirect", "true"))).isPresent();
  }

  @Test
  void theAnnotationWinsOverTheConfigMapAndAnUnreadableOneIsIgnored() {
    assertThat(plain(true, Map.of(PREFIX + "ssl-redirect", "false"), Map.of())).isEmpty();
    assertThat(plain(true, Map.of(), Map.of("ssl-redirect", "false"))).isEmpty();
    assertThat(plain(true, Map.of(PREFIX + "ssl-redirect", "true"), Map.of("ssl-redirect", "false"))).isPresent();
    assertThat(plain(true, Map.of(PREFIX + "ssl-redirect", "maybe"), Map.of())).isPresent();
  }

  @Test
  void httpRedirectCodeSetsTheStatusAndAnInvalidCodeKeeps308() {
    assertThat(plain(true, Map.of(), Map.of("http-redirect-code", "301")).orElseThrow().status()).isEqualTo(301);
    IngressNginxConfig bad = IngressNginxConfig.fromData(Map.of("http-redirect-code", "200"));
    assertThat(bad.httpRedirectCode()).isEqualTo(308);
    assertThat(bad.problems()).anyMatch(p -> p.startsWith("http-redirect-code"));
  }

  @Test
  void forwardedProtoHttpsIsTrustedOnlyWithUseForwardedHeaders() {
    Optional<String> https = Optional.of("https");
    assertThat(redirect(true, Map.of(), Map.of(), HOST, false, https)).isPresent();
    assertThat(redirect(true, Map.of(), Map.of("use-forwarded-headers", "true"), HOST, false, https)).isEmpty();
    assertThat(redirect(true, Map.of(), Map.of("use-forwarded-headers", "true"), HOST, false,
        Optional.of("http"))).isPresent();
  }

  @Test
  void theDefaultServerAndExcludedLocationsAreNotRedirected() {
    assertThat(redirect(true, Map.of(), Map.of(), "other.example.com", false, Optional.empty())).isEmpty();
    assertThat(plain(true, Map.of(), Map.of("no-tls-redirect-locations", "/weather"))).isEmpty();
  }
}
