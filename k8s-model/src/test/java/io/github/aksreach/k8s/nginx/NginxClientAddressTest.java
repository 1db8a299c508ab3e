package io.github.aksreach.k8s.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxClientAddressTest {
  private static final IpAddress PEER = IpAddress.of("10.244.2.1");
  private static final NginxRequest REQ = NginxRequest.of("demoapi.eyskens.corp", "/weatherforecast");

  @Test
  void byDefaultNginxChecksThePeerEvenWithAForwardedHeader() {
    NginxClientAddress a = NginxClientAddress.resolve(IngressNginxConfig.defaults(), PEER,
        REQ.withForwardedFor(List.of(IpAddress.of("192.168.1.4"))));
    assertThat(a.kind()).isEqualTo(NginxClientAddress.Kind.PEER);
    assertThat(a.address()).contains(PEER);
  }

  @Test
  void forwardedHeadersWithTheDefaultTrustedRangeAreSpoofable() {
    IngressNginxConfig cfg = IngressNginxConfig.defaults().withUseForwardedHeaders(true);
    assertThat(cfg.clientAddressSpoofable()).isTrue();
    NginxClientAddress a = NginxClientAddress.resolve(cfg, PEER,
        REQ.withForwardedFor(List.of(IpAddress.of("192.168.1.4"))));
    assertThat(a.kind()).isEqualTo(NginxClientAddress.Kind.FORWARDED_HEADER);
    assertThat(a.address()).contains(IpAddress.of("192.168.1.4"));
    assertThat(a.explanation()).contains("client-controlled");
    assertThat(NginxClientAddress.resolve(cfg, PEER, REQ).address()).as("no header: the peer").contains(PEER);
  }

  @Test
  void recursionSkipsTrustedAddressesFromTheRight() {
    IngressNginxConfig cfg = IngressNginxConfig.defaults().withEnableRealIp(true)
        .withProxyRealIpCidr(List.of(IpPrefix.of("10.0.0.0/8")));
    NginxRequest req = REQ.withForwardedFor(List.of(IpAddress.of("1.1.1.1"), IpAddress.of("2.2.2.2"),
        IpAddress.of("10.1.1.1")));
    assertThat(NginxClientAddress.resolve(cfg, PEER, req).address()).contains(IpAddress.of("2.2.2.2"));
    NginxRequest allTrusted = REQ.withForwardedFor(List.of(IpAddress.of("10.3.3.3"), IpAddress.of("10.1.1.1")));
    assertThat(NginxClientAddress.resolve(cfg, PEER, allTrusted).address()).contains(IpAddress.of("10.3.3.3"));
    assertThat(NginxClientAddress.resolve(cfg, IpAddress.of("192.168.0.4"), req).kind())
        .as("an untrusted peer keeps its address").isEqualTo(NginxClientAddress.Kind.PEER);
    assertThat(cfg.clientAddressSpoofable()).isFalse();
  }

  @Test
  void proxyProtocolWithoutAHeaderBreaksEveryRequest() {
    IngressNginxConfig cfg = IngressNginxConfig.defaults().withUseProxyProtocol(true);
    NginxClientAddress broken = NginxClientAddress.resolve(cfg, PEER, REQ);
    assertThat(broken.kind()).isEqualTo(NginxClientAddress.Kind.BROKEN);
    assertThat(broken.address()).isEmpty();
    NginxClientAddress pls = NginxClientAddress.resolve(cfg, PEER,
        REQ.withProxyProtocolSource(IpAddress.of("172.16.0.9")));
    assertThat(pls.kind()).isEqualTo(NginxClientAddress.Kind.PROXY_PROTOCOL);
    assertThat(pls.address()).contains(IpAddress.of("172.16.0.9"));
  }
}
