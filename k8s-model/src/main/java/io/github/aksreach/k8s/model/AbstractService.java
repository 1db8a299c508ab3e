package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.nsg.model.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A Kubernetes Service: type, ports, selector, cluster IPs, traffic policies, load-balancer addresses and source
 * ranges, and the typed cloud-provider-azure annotations.
 *
 * <pre>{@code
 * Service svc = Service.builder().namespace("ingress").name("ingress-nginx-controller")
 *     .type(ServiceType.LOAD_BALANCER)
 *     .putAnnotations("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
 *     .addPorts(ServicePort.builder().name("http").port(80).targetPort(PortRef.name("http")).nodePort(31880).build())
 *     .putSelector("app.kubernetes.io/name", "ingress-nginx")
 *     .addClusterIps(IpAddress.of("10.0.45.10"))
 *     .loadBalancerIp(IpAddress.of("192.168.0.22"))
 *     .externalTrafficPolicy(TrafficPolicy.LOCAL).healthCheckNodePort(31049)
 *     .build();
 * svc.azure().internal();          // true
 * svc.frontendIps();               // [192.168.0.22]
 * svc.port("http");                // Optional[http:80/tcp->http nodePort 31880]
 * svc.needsHealthCheckNodePort();  // true: LoadBalancer + Local
 * }</pre>
 *
 * <p>The load-balancer frontend (CONTRACTS.md section 1) is {@code status.loadBalancer.ingress[].ip}, else
 * {@code spec.loadBalancerIP}, else the {@code azure-load-balancer-ipv4/ipv6} annotations ({@link #frontendIps()}).
 */
@Value.Immutable
abstract class AbstractService {
  public abstract String namespace();

  public abstract String name();

  /** {@code metadata.uid}: cloud-provider-azure names LB rules after it ({@code "a" + uid without dashes}). */
  public abstract Optional<String> uid();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  @Value.Default
  public ServiceType type() {
    return ServiceType.CLUSTER_IP;
  }

  public abstract List<ServicePort> ports();

  /** {@code spec.selector}; empty for a Service without selector (its endpoints are managed by hand). */
  public abstract Map<String, String> selector();

  /** {@code spec.clusterIPs} (or {@code clusterIP}); empty for a headless Service. */
  public abstract List<IpAddress> clusterIps();

  /** {@code clusterIP: None}. */
  @Value.Default
  public boolean headless() {
    return false;
  }

  public abstract List<IpAddress> externalIps();

  @Value.Default
  public TrafficPolicy externalTrafficPolicy() {
    return TrafficPolicy.CLUSTER;
  }

  @Value.Default
  public TrafficPolicy internalTrafficPolicy() {
    return TrafficPolicy.CLUSTER;
  }

  public abstract OptionalInt healthCheckNodePort();

  /** {@code status.loadBalancer.ingress[].ip}. */
  public abstract List<IpAddress> loadBalancerIngressIps();

  /** {@code spec.loadBalancerIP} (deprecated upstream, still what AKS users write). */
  public abstract Optional<IpAddress> loadBalancerIp();

  /**
   * {@code spec.loadBalancerSourceRanges}, masked as kube-proxy reads them. Important note (DOMAIN 4.1, UNVERIFIED):
   * kube-proxy's firewall chain is assumed to read only this spec field, not the legacy
   * {@code service.beta.kubernetes.io/load-balancer-source-ranges} annotation (which cloud-provider-azure does read,
   * see {@link AzureServiceAnnotations#legacySourceRanges()}).
   */
  public abstract List<IpPrefix> loadBalancerSourceRanges();

  /**
   * Entries of {@code spec.loadBalancerSourceRanges} as written that have host bits set ({@code 10.0.0.1/24}):
   * Kubernetes and kube-proxy accept (and mask) them, cloud-provider-azure rejects them as invalid ranges, which
   * forces its deny-all NSG rule (DOMAIN 3.3).
   */
  public abstract List<String> unmaskedLoadBalancerSourceRanges();

  @Value.Default
  public SessionAffinity sessionAffinity() {
    return SessionAffinity.NONE;
  }

  /** {@code sessionAffinityConfig.clientIP.timeoutSeconds}; Kubernetes' default is 10800. */
  @Value.Default
  public int sessionAffinityTimeoutSeconds() {
    return 10800;
  }

  @Value.Default
  public boolean publishNotReadyAddresses() {
    return false;
  }

  /** {@code spec.loadBalancerClass}: when set, cloud-provider-azure leaves the Service to another controller. */
  public abstract Optional<String> loadBalancerClass();

  /** {@code spec.ipFamilies}. */
  public abstract List<IpFamily> ipFamilies();

  /** {@code spec.externalName} of an ExternalName Service. */
  public abstract Optional<String> externalName();

  /** {@code spec.allocateLoadBalancerNodePorts}; absent means true. */
  public abstract Optional<Boolean> allocateLoadBalancerNodePorts();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("service namespace and name must not be empty");
    }
    if (healthCheckNodePort().isPresent()
        && (healthCheckNodePort().getAsInt() < 1 || healthCheckNodePort().getAsInt() > 65535)) {
      throw new InvalidModelException("healthCheckNodePort out of range: " + healthCheckNodePort().getAsInt());
    }
  }

  /** The typed cloud-provider-azure annotations. */
  @Value.Lazy
  public AzureServiceAnnotations azure() {
    return AzureServiceAnnotations.parse(annotations());
  }

  /** {@code namespace/name}. */
  public String key() {
    return namespace() + "/" + name();
  }

  public ObjectRef ref() {
    return ObjectRef.of("Service", namespace(), name());
  }

  public boolean isLoadBalancer() {
    return type() == ServiceType.LOAD_BALANCER;
  }

  public boolean hasSelector() {
    return !selector().isEmpty();
  }

  /** Whether {@code labels} are selected by this Service's selector (never true without a selector). */
  public boolean selects(Map<String, String> labels) {
    if (!hasSelector()) {
      return false;
    }
    for (Map.Entry<String, String> e : selector().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A LoadBalancer Service with {@code externalTrafficPolicy: Local}: kube-proxy serves {@code healthCheckNodePort}. */
  public boolean needsHealthCheckNodePort() {
    return isLoadBalancer() && externalTrafficPolicy() == TrafficPolicy.LOCAL;
  }

  /** The port named {@code name}. */
  public Optional<ServicePort> port(String name) {
    return ports().stream().filter(p -> p.name().isPresent() && p.name().get().equals(name)).findFirst();
  }

  /** The port with number {@code port} and {@code protocol}. */
  public Optional<ServicePort> port(int port, Protocol protocol) {
    return ports().stream().filter(p -> p.port() == port && p.protocol() == protocol).findFirst();
  }

  /** The port an Ingress backend or intent refers to (by number or name). */
  public Optional<ServicePort> port(PortRef ref) {
    if (ref.asNumber().isPresent()) {
      int n = ref.asNumber().getAsInt();
      return ports().stream().filter(p -> p.port() == n).findFirst();
    }
    return port(ref.asName().orElseThrow());
  }

  /** The port whose {@code nodePort} is {@code nodePort}. */
  public Optional<ServicePort> portByNodePort(int nodePort) {
    return ports().stream()
        .filter(p -> p.nodePort().isPresent() && p.nodePort().getAsInt() == nodePort).findFirst();
  }

  /**
   * The load-balancer frontend addresses: {@code status.loadBalancer.ingress[].ip} if any, else
   * {@code spec.loadBalancerIP}, else the {@code azure-load-balancer-ipv4}/{@code -ipv6} annotations.
   */
  public List<IpAddress> frontendIps() {
    if (!loadBalancerIngressIps().isEmpty()) {
      return loadBalancerIngressIps();
    }
    if (loadBalancerIp().isPresent()) {
      return List.of(loadBalancerIp().get());
    }
    List<IpAddress> out = new ArrayList<>();
    azure().loadBalancerIpv4().ifPresent(out::add);
    azure().loadBalancerIpv6().ifPresent(out::add);
    return out;
  }

  /** The families this Service serves: {@code ipFamilies}, else those of its cluster IPs, else IPv4. */
  public Set<IpFamily> families() {
    Set<IpFamily> s = new LinkedHashSet<>(ipFamilies());
    if (s.isEmpty()) {
      clusterIps().forEach(a -> s.add(a.family()));
    }
    if (s.isEmpty()) {
      s.add(IpFamily.V4);
    }
    return s;
  }

  @Override
  public String toString() {
    return "Service " + key() + " " + type() + " " + ports();
  }
}
