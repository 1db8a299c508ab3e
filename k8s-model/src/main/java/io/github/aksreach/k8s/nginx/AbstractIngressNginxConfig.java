package io.github.aksreach.k8s.nginx;

import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.ConfigMap;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The ingress-nginx controller ConfigMap keys that change who gets through (DOMAIN 5.1/5.2), typed, with the
 * controller's defaults.
 *
 * <pre>{@code
 * IngressNginxConfig cfg = IngressNginxConfig.fromConfigMap(configMap);
 * cfg.useForwardedHeaders();         // false by default
 * cfg.proxyRealIpCidr();             // [0.0.0.0/0] by default
 * cfg.realIpEnabled();               // use-forwarded-headers || use-proxy-protocol || enable-real-ip
 * cfg.clientAddressSpoofable();      // real IP on and every IPv4 peer trusted: X-Forwarded-For decides
 * IngressNginxConfig.defaults();     // no ConfigMap
 * }</pre>
 *
 * <p>Important note (DOMAIN 5.2): with any of {@code use-forwarded-headers}, {@code use-proxy-protocol},
 * {@code enable-real-ip} on, NGINX replaces the peer address by the one in the forwarded-for header (recursively,
 * skipping trusted addresses) whenever the peer is inside {@code proxy-real-ip-cidr}. Its default
 * {@code 0.0.0.0/0} trusts every IPv4 peer, so any client can claim any address with {@code X-Forwarded-For} and pass
 * an allow-list; Azure's load balancer is layer 4 and adds no such header. {@code use-proxy-protocol} behind a plain
 * Azure load balancer (no PROXY header) breaks every request.
 */
@Value.Immutable
abstract class AbstractIngressNginxConfig {
  @Value.Default
  public boolean useForwardedHeaders() {
    return false;
  }

  @Value.Default
  public boolean useProxyProtocol() {
    return false;
  }

  @Value.Default
  public boolean enableRealIp() {
    return false;
  }

  /** {@code proxy-real-ip-cidr}: the peers trusted to report the client address. */
  @Value.Default
  public List<IpPrefix> proxyRealIpCidr() {
    return List.of(IpPrefix.of("0.0.0.0/0"));
  }

  @Value.Default
  public String forwardedForHeader() {
    return "X-Forwarded-For";
  }

  @Value.Default
  public boolean computeFullForwardedFor() {
    return false;
  }

  /** {@code whitelist-source-range}: the default allow-list of every location without an annotation. */
  public abstract List<IpPrefix> whitelistSourceRange();

  /** {@code denylist-source-range}: the default deny-list of every location without an annotation. */
  public abstract List<IpPrefix> denylistSourceRange();

  /** {@code block-cidrs}: an http-level {@code deny}. */
  public abstract List<IpPrefix> blockCidrs();

  /** {@code service-upstream}: proxy to the Service's cluster IP instead of the pod endpoints. */
  @Value.Default
  public boolean serviceUpstream() {
    return false;
  }

  /**
   * {@code ssl-redirect}: the default of every location's {@code ssl-redirect} annotation; a location of a server with a
   * TLS certificate (a host listed in an Ingress {@code tls} entry) redirects plain HTTP to HTTPS. Default true.
   */
  @Value.Default
  public boolean sslRedirect() {
    return true;
  }

  /** {@code force-ssl-redirect}: redirect plain HTTP to HTTPS even where the server has no certificate. Default false. */
  @Value.Default
  public boolean forceSslRedirect() {
    return false;
  }

  /** {@code http-redirect-code}: the status of those redirects (301, 302, 307 or 308; default 308). */
  @Value.Default
  public int httpRedirectCode() {
    return 308;
  }

  /**
   * {@code no-tls-redirect-locations}: location paths (prefixes) never redirected to HTTPS; default
   * {@code /.well-known/acme-challenge}.
   */
  @Value.Default
  public List<String> noTlsRedirectLocations() {
    return List.of("/.well-known/acme-challenge");
  }

  /** Values that could not be read (ignored, defaults kept), for notes. */
  @Value.Auxiliary
  public abstract List<String> problems();

  /** The controller's defaults (no ConfigMap, or an empty one). */
  public static IngressNginxConfig defaults() {
    return IngressNginxConfig.builder().build();
  }

  /** NGINX rewrites {@code $remote_addr} from a header or PROXY protocol for trusted peers. */
  public boolean realIpEnabled() {
    return useForwardedHeaders() || useProxyProtocol() || enableRealIp();
  }

  /** The trusted peers ({@code proxy-real-ip-cidr}) when real IP is on, else nothing. */
  public IpSet trustedProxies() {
    return realIpEnabled() ? IpSet.ofPrefixes(proxyRealIpCidr()) : IpSet.empty();
  }

  /**
   * Real IP is on (through a header) and every IPv4 peer is trusted: any client decides the address NGINX checks by
   * sending the forwarded-for header.
   */
  public boolean clientAddressSpoofable() {
    return (useForwardedHeaders() || enableRealIp()) && trustedProxies().encloses(IpSet.all(IpFamily.V4));
  }

  /** Reads a ConfigMap's data; unreadable values are listed in {@link #problems()} and keep their defaults. */
  public static IngressNginxConfig fromConfigMap(ConfigMap cm) {
    return fromData(cm.data());
  }

  /** Reads ConfigMap data (key to value). */
  public static IngressNginxConfig fromData(Map<String, String> data) {
    IngressNginxConfig.Builder b = IngressNginxConfig.builder();
    List<String> problems = new ArrayList<>();
    bool(data, "use-forwarded-headers", problems).ifPresent(b::useForwardedHeaders);
    bool(data, "use-proxy-protocol", problems).ifPresent(b::useProxyProtocol);
    bool(data, "enable-real-ip", problems).ifPresent(b::enableRealIp);
    bool(data, "compute-full-forwarded-for", problems).ifPresent(b::computeFullForwardedFor);
    bool(data, "service-upstream", problems).ifPresent(b::serviceUpstream);
    if (data.containsKey("proxy-real-ip-cidr")) {
      b.proxyRealIpCidr(cidrs(data, "proxy-real-ip-cidr", problems));
    }
    bool(data, "ssl-redirect", problems).ifPresent(b::sslRedirect);
    bool(data, "force-ssl-redirect", problems).ifPresent(b::forceSslRedirect);
    String code = data.get("http-redirect-code");
    if (code != null) {
      if (List.of("301", "302", "307", "308").contains(code.trim())) {
        b.httpRedirectCode(Integer.parseInt(code.trim()));
      } else {
        problems.add("http-redirect-code: '" + code + "' is not one of 301, 302, 307, 308; the default 308 is kept");
      }
    }
    String noRedirect = data.get("no-tls-redirect-locations");
    if (noRedirect != null) {
      b.noTlsRedirectLocations(java.util.Arrays.stream(noRedirect.split(",")).map(String::trim)
          .filter(x -> !x.isEmpty()).toList());
    }
    String h = data.get("forwarded-for-header");
    if (h != null && !h.isBlank()) {
      b.forwardedForHeader(h.trim());
    }
    b.addAllWhitelistSourceRange(cidrs(data, "whitelist-source-range", problems));
    b.addAllDenylistSourceRange(cidrs(data, "denylist-source-range", problems));
    b.addAllBlockCidrs(cidrs(data, "block-cidrs", problems));
    return b.addAllProblems(problems).build();
  }

  /** Go's {@code strconv.ParseBool}, which the controller uses for ConfigMap Booleans. */
  static Optional<Boolean> bool(Map<String, String> data, String key, List<String> problems) {
    String v = data.get(key);
    if (v == null) {
      return Optional.empty();
    }
    switch (v.trim()) {
      case "1": case "t": case "T": case "TRUE": case "true": case "True":
        return Optional.of(true);
      case "0": case "f": case "F": case "FALSE": case "false": case "False":
        return Optional.of(false);
      default:
        problems.add(key + ": '" + v + "' is not a Boolean; the default is kept");
        return Optional.empty();
    }
  }

  static List<IpPrefix> cidrs(Map<String, String> data, String key, List<String> problems) {
    List<IpPrefix> out = new ArrayList<>();
    String v = data.get(key);
    if (v == null || v.isBlank()) {
      return out;
    }
    for (String part : v.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      Validation<ModelError, IpPrefix> x = IpPrefix.parse(p);
      if (x.isValid()) {
        out.add(x.get());
      } else {
        problems.add(key + ": " + x.getError().message() + "; entry ignored (nginx would refuse the configuration)");
      }
    }
    return out;
  }
}
