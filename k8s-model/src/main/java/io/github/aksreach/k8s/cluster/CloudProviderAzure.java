package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.AzurePortAnnotations;
import io.github.aksreach.k8s.model.AzureServiceAnnotations;
import io.github.aksreach.k8s.model.KubernetesVersion;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.ProbeMode;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.SessionAffinity;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.Access;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.LbProtocol;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LbSku;
import io.github.aksreach.nsg.model.LoadDistribution;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgProtocol;
import io.github.aksreach.nsg.model.Priority;
import io.github.aksreach.nsg.model.Probe;
import io.github.aksreach.nsg.model.ProbeProtocol;
import io.github.aksreach.nsg.model.SecurityRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What cloud-provider-azure derives from {@code type: LoadBalancer} Services (DOMAIN.md section 3), as the same Azure
 * model values an {@code az network lb} dump gives ({@link io.github.aksreach.nsg.model.LoadBalancer}, {@link LbRule},
 * {@link Probe}, {@link Frontend}): one LB rule per Service port and frontend IP, its health probe, the backend
 * pool's nodes, and the {@code k8s-azure-lb_*} rules of the cluster NSG.
 *
 * <pre>{@code
 * LoadBalancing lb = CloudProviderAzure.derive(scenario, CloudProviderAzure.Options.from(scenario));
 * lb.rules().get(0).probe();   // Http 31880 /healthz (request-path annotation), or Http <hcnp> /healthz for Local
 * lb.rules().get(0).rule();    // protocol Tcp, frontend and backend port 80, floating IP on
 * }</pre>
 *
 * <p>Important notes, as the code of cloud-provider-azure does it: floating IP is on unless
 * {@code azure-disable-load-balancer-floating-ip}; with it off the backend port is the nodePort. An internal
 * Standard load balancer with {@code azure-load-balancer-enable-high-availability-ports: "true"} gets one HA-ports
 * rule per frontend (protocol All, ports 0, floating IP on) named after the first port. ETP=Local services
 * get an HTTP probe on {@code healthCheckNodePort} at {@code /healthz}; ETP=Cluster ports get a probe on the nodePort
 * whose protocol comes from the port annotation, else {@code appProtocol} (Kubernetes 1.24 and later), else the
 * global annotation, else Tcp, with path {@code /} unless annotated. Internal LBs without source ranges get no NSG
 * rule (the default {@code AllowVnetInBound} admits the whole VirtualNetwork tag). A node is excluded from the
 * backend pool when it carries {@code node.kubernetes.io/exclude-from-external-load-balancers} with any value, the
 * {@code ToBeDeletedByClusterAutoscaler} taint, or {@code kubernetes.azure.com/managed=false}.
 */
public final class CloudProviderAzure {
  /** Port of the AKS health-probe-proxy in shared probe mode ({@code http://<node-ip>:10356/healthz}). */
  public static final int AKS_SHARED_PROBE_PORT = 10356;
  /** kube-proxy's own healthz port. */
  public static final int KUBE_PROXY_HEALTHZ_PORT = 10256;
  /** Lowest priority cloud-provider-azure gives its allow rules. */
  public static final int MIN_PRIORITY = 500;

  private CloudProviderAzure() {}

  /**
   * Derivation settings.
   *
   * @param probeMode {@code clusterServiceLoadBalancerHealthProbeMode}
   * @param kubernetesVersion changes how {@code appProtocol} selects the probe protocol; empty = 1.24 or later
   * @param sku the cluster's load-balancer SKU (Basic: Https probes become Tcp, no HA ports, no TCP reset)
   * @param sharedProbePort the port of the shared probe (AKS: 10356, upstream default 10256)
   */
  public record Options(ProbeMode probeMode, Optional<KubernetesVersion> kubernetesVersion, LbSku sku,
                        int sharedProbePort) {
    /** The settings of {@code s}: {@code az aks show}'s {@code loadBalancerSku}, else Standard. */
    public static Options from(Scenario s) {
      LbSku sku = s.aks().flatMap(a -> a.loadBalancerSku()).orElse(LbSku.STANDARD);
      return new Options(s.config().probeModeOrDefault(), s.kubernetesVersion(), sku, AKS_SHARED_PROBE_PORT);
    }

    boolean standard() {
      return sku == LbSku.STANDARD;
    }
  }

  /**
   * The rules, probes and frontends cloud-provider-azure writes for the Services of {@code s}, as Azure model values
   * on the load balancers {@code kubernetes} and {@code kubernetes-internal}, and the managed NSG rules
   * ({@link LoadBalancerResolver#resolve} merges them with the dumps).
   */
  public static LoadBalancing derive(Scenario s, Options o) {
    List<ModelError> notes = new ArrayList<>();
    List<Node> backends = s.kubernetes().nodes().stream().filter(CloudProviderAzure::inBackendPool)
        .collect(Collectors.toList());
    DerivedLoadBalancers lbs = new DerivedLoadBalancers(s, o.sku(), backends);
    Map<String, RuleAcc> nsgRules = new LinkedHashMap<>();
    List<RuleAcc> denyRules = new ArrayList<>();
    for (Service svc : s.kubernetes().services()) {
      if (!svc.isLoadBalancer()) {
        continue;
      }
      List<IpAddress> frontends = svc.frontendIps();
      if (frontends.isEmpty()) {
        notes.add(note(svc, "LoadBalancer Service has no frontend IP (no status.loadBalancer.ingress[].ip and no "
            + "spec.loadBalancerIP): no load-balancer rule is derived"));
        continue;
      }
      AzureServiceAnnotations az = svc.azure();
      for (String e : az.errors()) {
        notes.add(note(svc, e));
      }
      String prefix = rulePrefix(svc);
      String lbName = az.internal() ? DerivedLoadBalancers.INTERNAL : DerivedLoadBalancers.PUBLIC;
      boolean ha = az.internal() && o.standard() && az.enableHighAvailabilityPorts() && !svc.ports().isEmpty();
      for (IpAddress fe : frontends) {
        String family = fe.family() == IpFamily.V6 ? "-IPv6" : "";
        Frontend frontend = lbs.frontend(lbName, prefix + az.internalSubnet().map(sn -> "-" + sn).orElse("") + family,
            fe, az.internal());
        if (ha) {
          // one rule for every port and protocol, named after the first port; its probe: the Local or shared one,
          // else the first port that gets one (cloud-provider-azure getExpectedLBRules, HA mode)
          ServicePort first = svc.ports().get(0);
          String name = ruleName(prefix, az, first.protocol().name(), first.port(), fe);
          Optional<Probe> probe = svc.ports().stream().map(p -> probe(svc, p, fe, name, o, notes))
              .flatMap(Optional::stream).findFirst();
          LbRule.Builder rule = rule(lbs, lbName, name, frontend, svc, o, LbProtocol.ALL, 0, 0, true)
              .enableTcpReset(!az.disableTcpReset());
          lbs.add(lbName, rule, frontend, probe, svc, Optional.empty());
          continue;
        }
        for (ServicePort p : svc.ports()) {
          AzurePortAnnotations pa = az.port(p.port());
          if (pa.noLbRule()) {
            continue;
          }
          boolean fip = !az.disableFloatingIp();
          OptionalInt nodePort = p.nodePort();
          if (!fip && nodePort.isEmpty()) {
            notes.add(note(svc, "port " + p.port() + " has no nodePort but floating IP is disabled: no rule"));
            continue;
          }
          String name = ruleName(prefix, az, p.protocol().name(), p.port(), fe);
          Optional<Probe> probe = pa.noProbeRule() ? Optional.empty() : probe(svc, p, fe, name, o, notes);
          LbProtocol protocol = p.protocol() == Protocol.UDP ? LbProtocol.UDP
              : p.protocol() == Protocol.TCP ? LbProtocol.TCP : LbProtocol.ALL;
          LbRule.Builder rule = rule(lbs, lbName, name, frontend, svc, o, protocol, p.port(),
              fip ? p.port() : nodePort.getAsInt(), fip)
              .enableTcpReset(protocol == LbProtocol.TCP && o.standard() && !az.disableTcpReset());
          lbs.add(lbName, rule, frontend, probe, svc, Optional.of(p));
        }
      }
      managedRules(svc, frontends, backends, nsgRules, denyRules, notes);
    }
    return new LoadBalancing(lbs.bindings(), materialize(s, nsgRules, denyRules), notes);
  }

  /** {@code <prefix>[-<subnet>]-<PROTOCOL>-<port>[-IPv6]} (getLoadBalancerRuleName). */
  private static String ruleName(String prefix, AzureServiceAnnotations az, String protocol, int port, IpAddress fe) {
    return prefix + az.internalSubnet().map(sn -> "-" + sn).orElse("") + "-" + protocol + "-" + port
        + (fe.family() == IpFamily.V6 ? "-IPv6" : "");
  }

  /** A rule's properties as getExpectedLoadBalancingRulePropertiesForPort writes them. */
  private static LbRule.Builder rule(DerivedLoadBalancers lbs, String lbName, String name, Frontend frontend,
                                     Service svc, Options o, LbProtocol protocol, int frontendPort, int backendPort,
                                     boolean floatingIp) {
    return LbRule.builder().name(name).id(lbs.id(lbName).child("loadBalancingRules", name))
        .frontendId(frontend.id().orElseThrow()).addBackendPoolIds(lbs.poolId(lbName)).protocol(protocol)
        .frontendPort(frontendPort).backendPort(backendPort).enableFloatingIp(floatingIp)
        .loadDistribution(svc.sessionAffinity() == SessionAffinity.CLIENT_IP ? LoadDistribution.SOURCE_IP
            : LoadDistribution.DEFAULT)
        .idleTimeoutInMinutes(svc.azure().tcpIdleTimeoutMinutes().orElse(4));
  }

  /** Whether cloud-provider-azure puts {@code n} in the backend pool (DOMAIN.md 3.4). */
  public static boolean inBackendPool(Node n) {
    return n.excludedFromExternalLoadBalancersLabel().isEmpty() && !n.toBeDeletedByClusterAutoscaler()
        && !n.unmanaged() && !n.deleting();
  }

  /** {@code "a" + uid without dashes}, truncated to 32 characters, as {@code DefaultLoadBalancerName}. */
  public static String rulePrefix(Service svc) {
    String base = "a" + svc.uid().map(u -> u.replace("-", ""))
        .orElse((svc.namespace() + svc.name()).replaceAll("[^A-Za-z0-9]", ""));
    return base.length() > 32 ? base.substring(0, 32) : base;
  }

  /**
   * The probe cloud-provider-azure writes for port {@code p} of {@code svc} on frontend {@code fe}: for ETP=Local the
   * pod-presence probe, in shared mode the shared probe, else (TCP ports only) one named {@code name} on the nodePort.
   */
  public static Optional<Probe> probe(Service svc, ServicePort p, IpAddress fe, String name, Options o,
                                      List<ModelError> notes) {
    AzureServiceAnnotations az = svc.azure();
    AzurePortAnnotations pa = az.port(p.port());
    int interval = Math.max(5, firstInt(pa.healthProbeInterval(), az.healthProbeInterval(), 5));
    int threshold = Math.max(2, firstInt(pa.healthProbeNumOfProbe(), az.healthProbeNumOfProbe(), 2));
    if (svc.externalTrafficPolicy() == TrafficPolicy.LOCAL && svc.healthCheckNodePort().isPresent()
        && !(az.plsCreate() && az.plsProxyProtocol())) {
      int hcnp = svc.healthCheckNodePort().getAsInt();
      int port = pa.healthProbePort().flatMap(ref -> probePort(svc, ref)).orElse(hcnp);
      return probe(svc, ruleName(rulePrefix(svc), az, Protocol.TCP.name(), hcnp, fe), ProbeProtocol.HTTP, port,
          Optional.of("/healthz"), interval, threshold, notes);
    }
    if (o.probeMode() == ProbeMode.SHARED) {
      return probe(svc, "cluster-service-shared-health-probe", ProbeProtocol.HTTP, o.sharedProbePort(),
          Optional.of("/healthz"), 5, 2, notes);
    }
    if (p.protocol() != Protocol.TCP) {
      return Optional.empty();
    }
    OptionalInt port = pa.healthProbePort().flatMap(ref -> probePort(svc, ref))
        .map(OptionalInt::of).orElse(p.nodePort());
    if (port.isEmpty()) {
      return Optional.empty();
    }
    ProbeProtocol protocol = pa.healthProbeProtocol()
        .or(() -> appProtocol(p, o))
        .or(az::healthProbeProtocol)
        .orElse(ProbeProtocol.TCP);
    if (protocol == ProbeProtocol.HTTPS && !o.standard()) {
      protocol = ProbeProtocol.TCP;
    }
    Optional<String> path = protocol == ProbeProtocol.TCP ? Optional.empty()
        : Optional.of(pa.healthProbeRequestPath().or(az::healthProbeRequestPath).orElse("/"));
    return probe(svc, name, protocol, port.getAsInt(), path, interval, threshold, notes);
  }

  private static Optional<Probe> probe(Service svc, String name, ProbeProtocol protocol, int port,
                                       Optional<String> path, int interval, int threshold, List<ModelError> notes) {
    if (port < 1 || port > 65535) {
      notes.add(note(svc, "probe port " + port + " is out of range 1-65535: no probe is derived"));
      return Optional.empty();
    }
    return Optional.of(Probe.builder().name(name).protocol(protocol).port(port).requestPath(path)
        .intervalInSeconds(interval).probeThreshold(threshold).build());
  }

  private static Optional<ProbeProtocol> appProtocol(ServicePort p, Options o) {
    boolean modern = o.kubernetesVersion().map(v -> v.isAtLeast(1, 24)).orElse(true);
    if (!modern || p.appProtocol().isEmpty()) {
      return Optional.empty();
    }
    String a = p.appProtocol().get().toLowerCase(Locale.ROOT);
    return a.equals("http") ? Optional.of(ProbeProtocol.HTTP)
        : a.equals("https") ? Optional.of(ProbeProtocol.HTTPS) : Optional.empty();
  }

  /** {@code port_{port}_health-probe_port}: a Service port (name or number) means its nodePort, else the number. */
  private static Optional<Integer> probePort(Service svc, PortRef ref) {
    Optional<ServicePort> sp = svc.port(ref);
    if (sp.isPresent() && sp.get().nodePort().isPresent()) {
      return Optional.of(sp.get().nodePort().getAsInt());
    }
    OptionalInt n = ref.asNumber();
    return n.isPresent() ? Optional.of(n.getAsInt()) : Optional.empty();
  }

  private static int firstInt(OptionalInt a, OptionalInt b, int dflt) {
    return a.isPresent() ? a.getAsInt() : b.isPresent() ? b.getAsInt() : dflt;
  }

  private static ModelError note(Service svc, String message) {
    return ModelError.of("Service " + svc.key() + ": " + message)
        .at(svc.provenance().map(p -> p.file()).orElse(""), svc.provenance().map(p -> p.path()).orElse(""));
  }

  // ---------------------------------------------------------------- managed NSG rules (DOMAIN.md 3.3)

  private static final class RuleAcc {
    final String name;
    final Access access;
    final NsgProtocol protocol;
    final AddressSpec source;
    final PortSet ports;
    final Set<IpAddress> destinations = new TreeSet<>();

    RuleAcc(String name, Access access, NsgProtocol protocol, AddressSpec source, PortSet ports) {
      this.name = name;
      this.access = access;
      this.protocol = protocol;
      this.source = source;
      this.ports = ports;
    }
  }

  private static void managedRules(Service svc, List<IpAddress> frontends, List<Node> backends,
                                   Map<String, RuleAcc> allow, List<RuleAcc> deny, List<ModelError> notes) {
    AzureServiceAnnotations az = svc.azure();
    if (az.disableLoadBalancerNsgRule()) {
      return;
    }
    List<IpPrefix> sourceRanges = svc.loadBalancerSourceRanges();
    List<IpPrefix> allowed = az.allAllowedIpRanges();
    if (!sourceRanges.isEmpty() && !az.allowedIpRanges().isEmpty()) {
      notes.add(note(svc, "both spec.loadBalancerSourceRanges and azure-allowed-ip-ranges are set: "
          + "cloud-provider-azure refuses to reconcile the Service (ErrSetBothLoadBalancerSourceRangesAndAllowedIPRanges);"
          + " no NSG rule is derived"));
      return;
    }
    if (!sourceRanges.isEmpty() && !az.allowedServiceTags().isEmpty()) {
      notes.add(note(svc, "loadBalancerSourceRanges together with azure-allowed-service-tags: kube-proxy's firewall "
          + "chain drops the tagged sources (ConflictConfiguration)"));
    }
    List<IpPrefix> ranges = new ArrayList<>(sourceRanges);
    ranges.addAll(allowed);
    boolean invalid = !az.invalidIpRanges().isEmpty() || !svc.unmaskedLoadBalancerSourceRanges().isEmpty();
    boolean allowAll = ranges.stream().anyMatch(r -> r.length() == 0);
    boolean fromInternet;
    if (!az.allowedServiceTags().isEmpty() || invalid) {
      fromInternet = false;
    } else if (!ranges.isEmpty()) {
      fromInternet = allowAll;
    } else {
      fromInternet = !az.internal();
    }
    boolean fip = !az.disableFloatingIp();
    List<IpAddress> dsts = new ArrayList<>();
    if (fip) {
      dsts.addAll(frontends);
      dsts.addAll(az.additionalPublicIps());
    } else {
      for (Node n : backends) {
        dsts.addAll(n.internalIps());
      }
    }
    Map<Protocol, List<PortRange>> portsByProtocol = new LinkedHashMap<>();
    for (ServicePort p : svc.ports()) {
      int port = fip ? p.port() : p.nodePort().orElse(-1);
      if (port >= 0) {
        portsByProtocol.computeIfAbsent(p.protocol(), k -> new ArrayList<>()).add(PortRange.single(port));
      }
    }
    for (IpFamily family : IpFamily.values()) {
      List<IpAddress> famDsts = dsts.stream().filter(a -> a.family() == family).collect(Collectors.toList());
      if (famDsts.isEmpty()) {
        continue;
      }
      String fam = family == IpFamily.V4 ? "IPv4" : "IPv6";
      List<IpPrefix> famRanges = ranges.stream().filter(r -> r.family() == family).collect(Collectors.toList());
      for (Map.Entry<Protocol, List<PortRange>> e : portsByProtocol.entrySet()) {
        NsgProtocol proto = e.getKey() == Protocol.TCP ? NsgProtocol.TCP
            : e.getKey() == Protocol.UDP ? NsgProtocol.UDP : NsgProtocol.ANY;
        PortSet ports = PortSet.of(e.getValue());
        List<AddressSpec> sources = new ArrayList<>();
        for (String tag : az.allowedServiceTags()) {
          sources.add(AddressSpec.tag(tag));
        }
        if (fromInternet && !allowAll) {
          sources.add(AddressSpec.tag("Internet"));
        }
        if (!famRanges.isEmpty()) {
          sources.add(AddressSpec.prefixes(famRanges));
        }
        for (AddressSpec src : sources) {
          String key = proto.azureName() + "_" + sourceKey(src) + "_" + ports;
          RuleAcc acc = allow.computeIfAbsent(key, k -> new RuleAcc(
              "k8s-azure-lb_allow_" + fam + "_" + md5(k), Access.ALLOW, proto, src, ports));
          acc.destinations.addAll(famDsts);
        }
      }
      if ((az.denyAllExceptLoadBalancerSourceRanges() && !ranges.isEmpty()) || invalid) {
        RuleAcc d = new RuleAcc("k8s-azure-lb_deny-all_" + fam, Access.DENY, NsgProtocol.ANY, AddressSpec.any(),
            PortSet.all());
        d.destinations.addAll(famDsts);
        deny.add(d);
      }
    }
  }

  private static String sourceKey(AddressSpec s) {
    if (s instanceof AddressSpec.ServiceTag) {
      return ((AddressSpec.ServiceTag) s).name();
    }
    return ((AddressSpec.Prefixes) s).prefixes().stream().map(IpPrefix::toString).sorted()
        .collect(Collectors.joining(","));
  }

  private static String md5(String s) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Turns the accumulated rules into security rules with free priorities (allows from 500 up, denies from 4095 down). */
  private static List<SecurityRule> materialize(Scenario s, Map<String, RuleAcc> allow, List<RuleAcc> deny) {
    Set<Integer> used = new HashSet<>();
    Set<String> existing = new HashSet<>();
    clusterNsg(s).ifPresent(nsg -> nsg.rules(Direction.INBOUND).forEach(r -> {
      used.add(r.priority().value());
      existing.add(r.name());
    }));
    List<SecurityRule> out = new ArrayList<>();
    int next = MIN_PRIORITY;
    for (RuleAcc a : allow.values()) {
      if (existing.contains(a.name)) {
        continue;
      }
      while (used.contains(next)) {
        next++;
      }
      used.add(next);
      out.add(rule(a, next));
    }
    int down = Priority.MAX - 1;
    for (RuleAcc d : deny) {
      if (existing.contains(d.name)) {
        continue;
      }
      while (used.contains(down)) {
        down--;
      }
      used.add(down);
      out.add(rule(d, down));
    }
    return out;
  }

  private static SecurityRule rule(RuleAcc a, int priority) {
    return SecurityRule.builder()
        .name(a.name)
        .priority(Priority.of(priority))
        .direction(Direction.INBOUND)
        .access(a.access)
        .protocol(a.protocol)
        .source(a.source)
        .sourcePorts(PortSet.all())
        .destination(AddressSpec.prefixes(a.destinations.stream().map(ip -> IpPrefix.of(ip, ip.family().bits()))
            .collect(Collectors.toList())))
        .destinationPorts(a.ports)
        .description("derived as cloud-provider-azure writes it")
        .build();
  }

  /** The cluster NSG: {@code cluster.clusterNsg}, else the NSG on the node NICs, else one named aks-agentpool-*-nsg. */
  public static Optional<NetworkSecurityGroup> clusterNsg(Scenario s) {
    if (s.config().clusterNsg().isPresent()) {
      return s.azure().nsgByName(s.config().clusterNsg().get());
    }
    for (Node n : s.kubernetes().nodes()) {
      for (IpAddress ip : n.internalIps()) {
        Optional<NetworkSecurityGroup> nsg = s.azure().nicByIp(ip).flatMap(nic -> nic.nsgId())
            .flatMap(id -> s.azure().nsg(id));
        if (nsg.isPresent()) {
          return nsg;
        }
      }
    }
    return s.azure().nsgs().stream().filter(n -> n.name().startsWith("aks-agentpool-") && n.name().endsWith("-nsg"))
        .findFirst();
  }
}
