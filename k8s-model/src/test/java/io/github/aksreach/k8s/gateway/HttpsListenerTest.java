package io.github.aksreach.k8s.gateway;

import static io.github.aksreach.k8s.gateway.GatewayFixtures.INFRA;
import static io.github.aksreach.k8s.gateway.GatewayFixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import org.junit.jupiter.api.Test;

/**
 * TLS termination at HTTPS listeners (DOMAIN-GATEWAY G1.5, G1.8 step 3, G1.10, 8.4/8.10): on a port whose listeners are
 * HTTPS the client's SNI picks the listener before the Host is read. A request that names no SNI sends its Host's
 * name (as clients do), an IP literal none (RFC 6066). Gateway {@code tls}: HTTP :80 without hostname, HTTPS :443
 * {@code secure.example.com} and {@code *.wild.example.com}; Gateway {@code tls-any}: one HTTPS :443 listener without
 * hostname. Every listener's route sends {@code /} to infra-backend-v1 (the wildcard's to v2).
 */
class HttpsListenerTest {
  private static final String TLS = "    tls:\n      mode: Terminate\n      certificateRefs: [{kind: Secret, name: "
      + "cert}]\n    allowedRoutes: {namespaces: {from: Same}}\n";

  private static KubernetesCluster cluster() {
    String gw = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: tls, namespace: " + INFRA
        + "}\nspec:\n  gatewayClassName: istio\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n"
        + "    allowedRoutes: {namespaces: {from: Same}}\n"
        + "  - name: secure\n    port: 443\n    protocol: HTTPS\n    hostname: secure.example.com\n" + TLS
        + "  - name: wild\n    port: 443\n    protocol: HTTPS\n    hostname: \"*.wild.example.com\"\n" + TLS
        + "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: tls-any, namespace: "
        + INFRA + "}\nspec:\n  gatewayClassName: istio\n  listeners:\n  - name: any\n    port: 443\n"
        + "    protocol: HTTPS\n" + TLS + "---\n";
    String routes = route("r-http", "tls", "http", "infra-backend-v1") + route("r-secure", "tls", "secure",
        "infra-backend-v1") + route("r-wild", "tls", "wild", "infra-backend-v2")
        + route("r-any", "tls-any", "any", "infra-backend-v3");
    return GatewayFixtures.cluster(gw + routes);
  }

  private static String route(String name, String gateway, String section, String backend) {
    return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: " + name + ", namespace: "
        + INFRA + "}\nspec:\n  parentRefs: [{name: " + gateway + ", sectionName: " + section + "}]\n  rules:\n"
        + "  - backendRefs: [{name: " + backend + ", port: 8080}]\n---\n";
  }

  private static GatewayRouter router(String name) {
    KubernetesCluster c = cluster();
    Gateway g = c.gateways().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return GatewayRouter.of(c, g, GatewayOptions.defaults());
  }

  @Test
  void theSniOfTheHostPicksTheHttpsListener() {
    GatewayRouter r = router("tls");
    assertThat(r.terminatesTls(443)).isTrue();
    assertThat(r.terminatesTls(80)).isFalse();
    assertThat(answer(r.route(HttpRequest.get(443, "secure.example.com", "/")))).isEqualTo("infra-backend-v1");
    assertThat(answer(r.route(HttpRequest.get(443, "a.b.wild.example.com", "/")))).isEqualTo("infra-backend-v2");
    // the Host's port is not part of the server name
    assertThat(answer(r.route(HttpRequest.get(443, "secure.example.com:443", "/")))).isEqualTo("infra-backend-v1");
  }

  /** G1.10: a name no HTTPS listener accepts gets no filter chain; the handshake fails, there is no HTTP 404. */
  @Test
  void anUnknownServerNameFailsTheHandshakeNotA404() {
    GatewayRouter r = router("tls");
    GatewayOutcome o = r.route(HttpRequest.get(443, "other.example.com", "/"));
    assertThat(o).isInstanceOfSatisfying(GatewayOutcome.TlsRefused.class, t -> {
      assertThat(t.sni()).isEqualTo("other.example.com");
      assertThat(t.how()).isEqualTo(GatewayOptions.UnmatchedSni.CONNECTION_RESET);
    });
    // wild.example.com itself is not under *.wild.example.com (G1.8: one or more labels)
    assertThat(r.route(HttpRequest.get(443, "wild.example.com", "/"))).isInstanceOf(GatewayOutcome.TlsRefused.class);
    // the same host over plain HTTP on :80 is routed by Host (the HTTP listener has no hostname)
    assertThat(answer(r.route(HttpRequest.get(80, "other.example.com", "/")))).isEqualTo("infra-backend-v1");
  }

  /** An IP literal sends no SNI (an LB probe, a client using the address): only a hostname-less listener takes it. */
  @Test
  void noServerNameIsTakenOnlyByAListenerWithoutHostname() {
    GatewayOutcome named = router("tls").route(HttpRequest.get(443, "10.244.0.30", "/"));
    assertThat(named).isInstanceOfSatisfying(GatewayOutcome.TlsRefused.class,
        t -> assertThat(t.sni()).isEqualTo(GatewayRouter.NO_SNI));
    assertThat(answer(router("tls-any").route(HttpRequest.get(443, "10.244.0.30", "/"))))
        .isEqualTo("infra-backend-v3");
    assertThat(answer(router("tls-any").route(HttpRequest.get(443, "anything.example.org", "/"))))
        .isEqualTo("infra-backend-v3");
  }

  /** An SNI the request states wins over the Host's name; Host and SNI on different listeners: the 421 option. */
  @Test
  void anExplicitSniDifferentFromTheHostFollowsTheMisdirectedOption() {
    HttpRequest coalesced = HttpRequest.get(443, "x.wild.example.com", "/").withSni("secure.example.com");
    assertThat(answer(router("tls").route(coalesced))).isEqualTo("infra-backend-v2");
    GatewayRouter strict = GatewayRouter.of(cluster(), cluster().gateways().stream()
        .filter(x -> x.name().equals("tls")).findFirst().orElseThrow(), GatewayOptions.defaults()
        .withMisdirectedRequests(AbstractGatewayOptions.MisdirectedRequests.MISDIRECTED));
    assertThat(answer(strict.route(coalesced))).isEqualTo("421");
  }
}
