package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import java.util.List;
import java.util.Optional;

/**
 * The client address NGINX checks ({@code $remote_addr}) for one request, and how it was found (DOMAIN 5.2).
 *
 * <pre>{@code
 * NginxClientAddress a = NginxClientAddress.resolve(cfg, IpAddress.of("10.244.2.1"), request);
 * a.kind();       // PEER: no real-IP setting, NGINX checks the TCP peer (kube-proxy's SNAT address here)
 * a.address();    // Optional[10.244.2.1]
 * NginxClientAddress.resolve(cfgWithForwardedHeaders, peer,
 *     request.withForwardedFor(List.of(IpAddress.of("192.168.1.4")))).kind();   // FORWARDED_HEADER (spoofed)
 * }</pre>
 *
 * <p>With none of {@code use-forwarded-headers}, {@code use-proxy-protocol}, {@code enable-real-ip}: the peer. With
 * real IP on and the peer inside {@code proxy-real-ip-cidr}: the address from the PROXY protocol header
 * ({@code use-proxy-protocol} only), else from the forwarded-for header, chosen recursively (walking from the right,
 * the first address not trusted; the leftmost when all are trusted), else the peer when the request carries no such
 * header. With both {@code use-proxy-protocol} and a forwarded-for setting, the forwarded-for header is used when
 * present, else the PROXY source (an approximation of ingress-nginx's {@code X-Forwarded-For-Proxy-Protocol}).
 * {@code use-proxy-protocol} without a PROXY header from the hop in front (a plain Azure load balancer): NGINX rejects
 * the connection ("broken header"), {@link Kind#BROKEN}.
 *
 * @param kind how the address was found
 * @param address the address, unless broken
 * @param explanation in words
 */
public record NginxClientAddress(Kind kind, Optional<IpAddress> address, String explanation) {
  /** Where the checked address comes from. */
  public enum Kind {
    /** The TCP peer, as the NGINX pod sees it. */
    PEER,
    /** The forwarded-for header: chosen by the client unless a trusted proxy rewrote it. */
    FORWARDED_HEADER,
    /** The PROXY protocol header. */
    PROXY_PROTOCOL,
    /** {@code use-proxy-protocol} on, no PROXY header: every request fails. */
    BROKEN
  }

  /** Whether every request fails because NGINX expects a PROXY header that never comes. */
  public static boolean brokenByProxyProtocol(IngressNginxConfig cfg, NginxRequest req) {
    return cfg.useProxyProtocol() && req.proxyProtocolSource().isEmpty();
  }

  /**
   * The address NGINX substitutes for a trusted peer, if the request carries one: what the client (or the proxy in
   * front) put in the header. Independent of the peer.
   */
  public static Optional<NginxClientAddress> substituted(IngressNginxConfig cfg, NginxRequest req) {
    if (!cfg.realIpEnabled() || brokenByProxyProtocol(cfg, req)) {
      return Optional.empty();
    }
    boolean header = cfg.useForwardedHeaders() || cfg.enableRealIp();
    if (header && !req.forwardedFor().isEmpty()) {
      IpAddress a = recursive(cfg.trustedProxies(), req.forwardedFor());
      return Optional.of(new NginxClientAddress(Kind.FORWARDED_HEADER, Optional.of(a), "the peer is a trusted proxy ("
          + "proxy-real-ip-cidr " + cfg.proxyRealIpCidr() + "), so NGINX checks " + a + " from "
          + cfg.forwardedForHeader() + ": " + req.forwardedFor()
          + (cfg.clientAddressSpoofable() ? " (client-controlled: any client can send this header)" : "")));
    }
    if (cfg.useProxyProtocol() && req.proxyProtocolSource().isPresent()) {
      IpAddress a = req.proxyProtocolSource().get();
      return Optional.of(new NginxClientAddress(Kind.PROXY_PROTOCOL, Optional.of(a),
          "NGINX checks " + a + " from the PROXY protocol header"));
    }
    return Optional.empty();
  }

  /** nginx's recursive real IP: from the right, the first untrusted address; the leftmost if all are trusted. */
  static IpAddress recursive(IpSet trusted, List<IpAddress> header) {
    for (int i = header.size() - 1; i >= 0; i--) {
      if (!trusted.contains(header.get(i))) {
        return header.get(i);
      }
    }
    return header.get(0);
  }

  /** The address NGINX checks for a request from {@code peer}. */
  public static NginxClientAddress resolve(IngressNginxConfig cfg, IpAddress peer, NginxRequest req) {
    if (brokenByProxyProtocol(cfg, req)) {
      return new NginxClientAddress(Kind.BROKEN, Optional.empty(), "use-proxy-protocol is on but the connection "
          + "carries no PROXY header (an Azure load balancer sends none): NGINX rejects it (broken header)");
    }
    Optional<NginxClientAddress> sub = substituted(cfg, req);
    if (sub.isPresent() && cfg.trustedProxies().contains(peer)) {
      return sub.get();
    }
    return new NginxClientAddress(Kind.PEER, Optional.of(peer), "NGINX checks the TCP peer " + peer);
  }
}
