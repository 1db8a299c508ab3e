package io.github.aksreach.k8s.gateway;

import io.github.aksreach.core.model.IpAddress;
import java.util.Optional;

/**
 * The attributes an Istio AuthorizationPolicy is evaluated on for one HTTP request at a gateway pod (S5.4-S5.6).
 *
 * <pre>{@code
 * AuthzRequest r = AuthzRequest.of(HttpRequest.get(80, "www.example.com", "/admin"),
 *     IstioClientAddress.of(IpAddress.of("10.224.0.4"), Optional.empty(), 0));
 * r.sourceIp();   // 10.224.0.4
 * }</pre>
 *
 * @param request the HTTP request (authority, port, method, path, headers)
 * @param sourceIp {@code source.ip}
 * @param remoteIp {@code remote.ip}
 * @param principal the mTLS peer identity; an Internet client has none
 * @param sourceNamespace the mTLS peer namespace; an Internet client has none
 */
public record AuthzRequest(HttpRequest request, IpAddress sourceIp, IpAddress remoteIp, Optional<String> principal,
    Optional<String> sourceNamespace) {
  public static AuthzRequest of(HttpRequest request, IstioClientAddress addresses) {
    return new AuthzRequest(request, addresses.sourceIp(), addresses.remoteIp(), Optional.empty(), Optional.empty());
  }
}
