package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.model.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * What an HTTP request carries besides its TCP header: Host, path, the forwarded-for header the client sent, and the
 * PROXY protocol header if the hop in front sends one.
 *
 * <pre>{@code
 * NginxRequest r = NginxRequest.of("demoapi.eyskens.corp", "/weatherforecast");
 * NginxRequest spoof = r.withForwardedFor(List.of(IpAddress.of("192.168.1.4")));   // X-Forwarded-For: 192.168.1.4
 * NginxRequest probe = NginxRequest.of(null, "/healthz");                           // no Host: the default server
 * }</pre>
 *
 * @param host the Host header (without port), if any
 * @param path the request path (a query string is ignored)
 * @param forwardedFor the entries of the forwarded-for header ({@code forwarded-for-header}, X-Forwarded-For by
 *     default) as the client sent them, leftmost first; empty when absent. An Azure load balancer adds none.
 * @param proxyProtocolSource the source address in a PROXY protocol header, when the hop in front sends one (a Private
 *     Link Service with {@code azure-pls-proxy-protocol}); an Azure load balancer sends none
 */
public record NginxRequest(Optional<String> host, String path, List<IpAddress> forwardedFor,
                           Optional<IpAddress> proxyProtocolSource) {
  public NginxRequest {
    if (host == null || path == null || forwardedFor == null || proxyProtocolSource == null) {
      throw new IllegalArgumentException("NginxRequest fields must not be null");
    }
    forwardedFor = List.copyOf(forwardedFor);
  }

  /** A request without forwarded-for or PROXY headers; {@code host} may be null (no Host header). */
  public static NginxRequest of(String host, String path) {
    return new NginxRequest(Optional.ofNullable(host), path, List.of(), Optional.empty());
  }

  public NginxRequest withForwardedFor(List<IpAddress> entries) {
    return new NginxRequest(host, path, entries, proxyProtocolSource);
  }

  public NginxRequest withProxyProtocolSource(IpAddress source) {
    return new NginxRequest(host, path, forwardedFor, Optional.of(source));
  }
}
