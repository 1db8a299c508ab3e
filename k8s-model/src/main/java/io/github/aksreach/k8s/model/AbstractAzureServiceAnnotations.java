package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.vavr.control.Validation;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.ProbeProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A typed view of every {@code service.beta.kubernetes.io/*} annotation that changes what cloud-provider-azure builds
 * for a Service (DOMAIN 3.1-3.5): internal LB and subnet, health probes (global and per port), per-port rule opt-outs,
 * floating IP, the NSG source filters, PLS PROXY protocol, HA ports, idle timeout, TCP reset.
 *
 * <pre>{@code
 * AzureServiceAnnotations a = AzureServiceAnnotations.parse(service.annotations());
 * a.internal();                        // azure-load-balancer-internal: "true"
 * a.internalSubnet();                  // Optional[ingress]
 * a.healthProbeRequestPath();          // Optional[/healthz]
 * a.port(80).noLbRule();               // port_80_no_lb_rule
 * a.allowedIpRanges();                 // azure-allowed-ip-ranges, valid entries
 * a.invalidIpRanges();                 // entries cloud-provider-azure rejects: they force a deny-all rule
 * a.errors();                          // values that make cloud-provider-azure fail to reconcile the Service
 * }</pre>
 *
 * <p>Parsing follows cloud-provider-azure: Boolean annotations are true iff the value is {@code "true"}
 * (case-insensitive, not trimmed: {@code strings.EqualFold}; any other value is false, listed in
 * {@link #warnings()}). IP ranges are comma-separated CIDRs that
 * must be properly masked ({@code 10.0.0.0/8}; a bare address or {@code 10.0.0.1/8} is invalid, as CPA's
 * {@code iputil.ParsePrefix} decides); both {@code azure-allowed-ip-ranges} and the legacy
 * {@code load-balancer-source-ranges} feed "allowed IP ranges". An unknown probe protocol reads as TCP. Numbers that do
 * not parse or are out of range (interval &lt; 5, num-of-probe &lt; 2, idle timeout outside 4-100) are listed in
 * {@link #errors()}: cloud-provider-azure refuses to reconcile such a Service.
 */
@Value.Immutable
abstract class AbstractAzureServiceAnnotations {
  public static final String PREFIX = "service.beta.kubernetes.io/";
  public static final String INTERNAL = PREFIX + "azure-load-balancer-internal";
  public static final String INTERNAL_SUBNET = PREFIX + "azure-load-balancer-internal-subnet";
  public static final String HEALTH_PROBE_PROTOCOL = PREFIX + "azure-load-balancer-health-probe-protocol";
  public static final String HEALTH_PROBE_REQUEST_PATH = PREFIX + "azure-load-balancer-health-probe-request-path";
  public static final String HEALTH_PROBE_INTERVAL = PREFIX + "azure-load-balancer-health-probe-interval";
  public static final String HEALTH_PROBE_NUM_OF_PROBE = PREFIX + "azure-load-balancer-health-probe-num-of-probe";
  public static final String DISABLE_FLOATING_IP = PREFIX + "azure-disable-load-balancer-floating-ip";
  public static final String ALLOWED_IP_RANGES = PREFIX + "azure-allowed-ip-ranges";
  /** The legacy upstream annotation, parsed by cloud-provider-azure like {@link #ALLOWED_IP_RANGES}. */
  public static final String LEGACY_SOURCE_RANGES = PREFIX + "load-balancer-source-ranges";
  public static final String ALLOWED_SERVICE_TAGS = PREFIX + "azure-allowed-service-tags";
  public static final String DENY_ALL_EXCEPT_SOURCE_RANGES =
      PREFIX + "azure-deny-all-except-load-balancer-source-ranges";
  public static final String DISABLE_NSG_RULE = PREFIX + "azure-disable-load-balancer-nsg-rule";
  public static final String ADDITIONAL_PUBLIC_IPS = PREFIX + "azure-additional-public-ips";
  public static final String PLS_CREATE = PREFIX + "azure-pls-create";
  public static final String PLS_PROXY_PROTOCOL = PREFIX + "azure-pls-proxy-protocol";
  public static final String HA_PORTS = PREFIX + "azure-load-balancer-enable-high-availability-ports";
  public static final String TCP_IDLE_TIMEOUT = PREFIX + "azure-load-balancer-tcp-idle-timeout";
  public static final String DISABLE_TCP_RESET = PREFIX + "azure-load-balancer-disable-tcp-reset";
  public static final String LOAD_BALANCER_IPV4 = PREFIX + "azure-load-balancer-ipv4";
  public static final String LOAD_BALANCER_IPV6 = PREFIX + "azure-load-balancer-ipv6";
  public static final String PIP_NAME = PREFIX + "azure-pip-name";
  public static final String LOAD_BALANCER_CONFIGURATIONS = PREFIX + "azure-load-balancer-configurations";
  public static final String SHARED_SECURITY_RULE = PREFIX + "azure-shared-securityrule";
  public static final String LOAD_BALANCER_MODE = PREFIX + "azure-load-balancer-mode";

  private static final Pattern PORT_KEY = Pattern.compile(
      Pattern.quote(PREFIX) + "port_(\\d+)_(no_lb_rule|no_probe_rule|health-probe_protocol|"
          + "health-probe_request-path|health-probe_interval|health-probe_num-of-probe|health-probe_port)");

  @Value.Default
  public boolean internal() {
    return false;
  }

  public abstract Optional<String> internalSubnet();

  /** Global probe protocol (ignored for externalTrafficPolicy Local, DOMAIN 3.2). */
  public abstract Optional<ProbeProtocol> healthProbeProtocol();

  public abstract Optional<String> healthProbeRequestPath();

  public abstract OptionalInt healthProbeInterval();

  public abstract OptionalInt healthProbeNumOfProbe();

  /** The per-port annotations, by Service {@code port} number. */
  public abstract Map<Integer, AzurePortAnnotations> ports();

  @Value.Default
  public boolean disableFloatingIp() {
    return false;
  }

  /** Valid entries of {@code azure-allowed-ip-ranges}. */
  public abstract List<IpPrefix> allowedIpRanges();

  /** Valid entries of the legacy {@code load-balancer-source-ranges} annotation. */
  public abstract List<IpPrefix> legacySourceRanges();

  /** Entries of either ranges annotation that cloud-provider-azure rejects, as written. */
  public abstract List<String> invalidIpRanges();

  /** {@code azure-allowed-service-tags}, trimmed. */
  public abstract List<String> allowedServiceTags();

  @Value.Default
  public boolean denyAllExceptLoadBalancerSourceRanges() {
    return false;
  }

  @Value.Default
  public boolean disableLoadBalancerNsgRule() {
    return false;
  }

  public abstract List<IpAddress> additionalPublicIps();

  @Value.Default
  public boolean plsCreate() {
    return false;
  }

  @Value.Default
  public boolean plsProxyProtocol() {
    return false;
  }

  @Value.Default
  public boolean enableHighAvailabilityPorts() {
    return false;
  }

  public abstract OptionalInt tcpIdleTimeoutMinutes();

  @Value.Default
  public boolean disableTcpReset() {
    return false;
  }

  public abstract Optional<IpAddress> loadBalancerIpv4();

  public abstract Optional<IpAddress> loadBalancerIpv6();

  public abstract Optional<String> pipName();

  public abstract Optional<String> loadBalancerConfigurations();

  public abstract Optional<String> loadBalancerMode();

  @Value.Default
  public boolean sharedSecurityRule() {
    return false;
  }

  /** Values read leniently, as cloud-provider-azure does (a Boolean that is not "true"/"false", ...). */
  public abstract List<String> warnings();

  /** Values cloud-provider-azure rejects: it does not reconcile the Service's load balancer while they remain. */
  public abstract List<String> errors();

  /** The annotations of one Service port (empty when none is set). */
  public AzurePortAnnotations port(int port) {
    AzurePortAnnotations p = ports().get(port);
    return p != null ? p : AzurePortAnnotations.builder().build();
  }

  /** Allowed ranges from both annotations. */
  public List<IpPrefix> allAllowedIpRanges() {
    List<IpPrefix> all = new ArrayList<>(allowedIpRanges());
    all.addAll(legacySourceRanges());
    return all;
  }

  /** Reads the typed view from a Service's annotations; never fails (problems are in warnings and errors). */
  public static AzureServiceAnnotations parse(Map<String, String> annotations) {
    AzureServiceAnnotations.Builder b = AzureServiceAnnotations.builder();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    b.internal(bool(annotations, INTERNAL, warnings));
    opt(annotations, INTERNAL_SUBNET).ifPresent(b::internalSubnet);
    opt(annotations, HEALTH_PROBE_PROTOCOL).ifPresent(v -> b.healthProbeProtocol(probeProtocol(HEALTH_PROBE_PROTOCOL, v,
        warnings)));
    opt(annotations, HEALTH_PROBE_REQUEST_PATH).ifPresent(b::healthProbeRequestPath);
    integer(annotations, HEALTH_PROBE_INTERVAL, 5, Integer.MAX_VALUE, errors).ifPresent(b::healthProbeInterval);
    integer(annotations, HEALTH_PROBE_NUM_OF_PROBE, 2, Integer.MAX_VALUE, errors).ifPresent(b::healthProbeNumOfProbe);
    b.disableFloatingIp(bool(annotations, DISABLE_FLOATING_IP, warnings));
    List<String> invalid = new ArrayList<>();
    opt(annotations, ALLOWED_IP_RANGES).ifPresent(v -> b.addAllAllowedIpRanges(ranges(v, invalid)));
    opt(annotations, LEGACY_SOURCE_RANGES).ifPresent(v -> b.addAllLegacySourceRanges(ranges(v, invalid)));
    b.addAllInvalidIpRanges(invalid);
    for (String r : invalid) {
      warnings.add("invalid IP range '" + r + "' in an allowed-ranges annotation: cloud-provider-azure adds a deny-all "
          + "rule and no Internet rule");
    }
    opt(annotations, ALLOWED_SERVICE_TAGS).ifPresent(v -> {
      for (String t : v.trim().split(",", -1)) {
        b.addAllowedServiceTags(t.trim());
      }
    });
    b.denyAllExceptLoadBalancerSourceRanges(bool(annotations, DENY_ALL_EXCEPT_SOURCE_RANGES, warnings));
    b.disableLoadBalancerNsgRule(bool(annotations, DISABLE_NSG_RULE, warnings));
    opt(annotations, ADDITIONAL_PUBLIC_IPS).ifPresent(v -> {
      for (String s : v.trim().split(",", -1)) {
        Validation<ModelError, IpAddress> a = IpAddress.parse(s.trim());
        if (a.isValid()) {
          b.addAdditionalPublicIps(a.get());
        } else {
          errors.add(ADDITIONAL_PUBLIC_IPS + ": " + a.getError().message());
        }
      }
    });
    b.plsCreate(bool(annotations, PLS_CREATE, warnings));
    b.plsProxyProtocol(bool(annotations, PLS_PROXY_PROTOCOL, warnings));
    b.enableHighAvailabilityPorts(bool(annotations, HA_PORTS, warnings));
    integer(annotations, TCP_IDLE_TIMEOUT, 4, 100, errors).ifPresent(b::tcpIdleTimeoutMinutes);
    b.disableTcpReset(bool(annotations, DISABLE_TCP_RESET, warnings));
    address(annotations, LOAD_BALANCER_IPV4, errors).ifPresent(b::loadBalancerIpv4);
    address(annotations, LOAD_BALANCER_IPV6, errors).ifPresent(b::loadBalancerIpv6);
    opt(annotations, PIP_NAME).ifPresent(b::pipName);
    opt(annotations, LOAD_BALANCER_CONFIGURATIONS).ifPresent(b::loadBalancerConfigurations);
    opt(annotations, LOAD_BALANCER_MODE).ifPresent(b::loadBalancerMode);
    b.sharedSecurityRule(bool(annotations, SHARED_SECURITY_RULE, warnings));

    Map<Integer, AzurePortAnnotations.Builder> ports = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
      Matcher m = PORT_KEY.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(m.group(1));
      } catch (NumberFormatException ex) {
        errors.add(e.getKey() + ": port number out of range");
        continue;
      }
      AzurePortAnnotations.Builder pb = ports.computeIfAbsent(port, p -> AzurePortAnnotations.builder());
      String key = e.getKey();
      String v = e.getValue();
      switch (m.group(2)) {
        case "no_lb_rule":
          pb.noLbRule(bool(annotations, key, warnings));
          break;
        case "no_probe_rule":
          pb.noProbeRule(bool(annotations, key, warnings));
          break;
        case "health-probe_protocol":
          pb.healthProbeProtocol(probeProtocol(key, v, warnings));
          break;
        case "health-probe_request-path":
          pb.healthProbeRequestPath(v);
          break;
        case "health-probe_interval":
          integer(annotations, key, 5, Integer.MAX_VALUE, errors).ifPresent(pb::healthProbeInterval);
          break;
        case "health-probe_num-of-probe":
          integer(annotations, key, 2, Integer.MAX_VALUE, errors).ifPresent(pb::healthProbeNumOfProbe);
          break;
        case "health-probe_port":
          Validation<ModelError, PortRef> pr = PortRef.parse(v);
          if (pr.isValid()) {
            pb.healthProbePort(pr.get());
          } else {
            errors.add(key + ": " + pr.getError().message());
          }
          break;
        default:
          throw new IllegalStateException(m.group(2));
      }
    }
    ports.forEach((p, pb) -> b.putPorts(p, pb.build()));
    return b.addAllWarnings(warnings).addAllErrors(errors).build();
  }

  private static Optional<String> opt(Map<String, String> a, String key) {
    return Optional.ofNullable(a.get(key));
  }

  private static boolean bool(Map<String, String> a, String key, List<String> warnings) {
    String v = a.get(key);
    if (v == null) {
      return false;
    }
    // cloud-provider-azure: strings.EqualFold(value, "true"), no trimming
    String t = v.toLowerCase(Locale.ROOT);
    if (!t.equals("true") && !t.equals("false")) {
      warnings.add(key + ": '" + v + "' is not \"true\" or \"false\"; cloud-provider-azure reads it as false");
    }
    return t.equals("true");
  }

  private static ProbeProtocol probeProtocol(String key, String v, List<String> warnings) {
    Optional<ProbeProtocol> p = ProbeProtocol.parse(v).toJavaOptional();
    if (p.isEmpty()) {
      warnings.add(key + ": unknown probe protocol '" + v + "'; cloud-provider-azure uses Tcp");
      return ProbeProtocol.TCP;
    }
    return p.get();
  }

  private static OptionalInt integer(Map<String, String> a, String key, int min, int max, List<String> errors) {
    String v = a.get(key);
    if (v == null) {
      return OptionalInt.empty();
    }
    String t = v.trim();
    if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      errors.add(key + ": '" + v + "' is not a number");
      return OptionalInt.empty();
    }
    int n = Integer.parseInt(t);
    if (n < min || n > max) {
      errors.add(key + ": " + n + " is out of range " + min + (max == Integer.MAX_VALUE ? " or more" : "-" + max));
      return OptionalInt.empty();
    }
    return OptionalInt.of(n);
  }

  private static Optional<IpAddress> address(Map<String, String> a, String key, List<String> errors) {
    String v = a.get(key);
    if (v == null) {
      return Optional.empty();
    }
    Validation<ModelError, IpAddress> ip = IpAddress.parse(v.trim());
    if (ip.isInvalid()) {
      errors.add(key + ": " + ip.getError().message());
      return Optional.empty();
    }
    return Optional.of(ip.get());
  }

  /** Parses a comma-separated list of properly masked CIDRs as cloud-provider-azure does; rejects go to invalid. */
  public static List<IpPrefix> ranges(String value, List<String> invalid) {
    List<IpPrefix> out = new ArrayList<>();
    for (String part : value.trim().split(",", -1)) {
      String p = part.trim();
      Optional<IpPrefix> prefix = strictPrefix(p);
      if (prefix.isPresent()) {
        out.add(prefix.get());
      } else {
        invalid.add(p);
      }
    }
    return out;
  }

  /**
   * {@code text} as cloud-provider-azure's {@code iputil.ParsePrefix} accepts it: an address, a slash and a length,
   * with no host bits set.
   */
  public static Optional<IpPrefix> strictPrefix(String text) {
    if (text.indexOf('/') < 0) {
      return Optional.empty();
    }
    Validation<ModelError, IpPrefix> v = IpPrefix.parse(text);
    return v.isInvalid() || IpPrefix.hasHostBits(text) ? Optional.empty() : Optional.of(v.get());
  }
}
