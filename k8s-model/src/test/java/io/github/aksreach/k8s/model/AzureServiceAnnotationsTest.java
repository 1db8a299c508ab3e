package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.ProbeProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureServiceAnnotationsTest {
  private static final String P = "service.beta.kubernetes.io/";

  @Test
  void noAnnotationsMeansCloudProviderDefaults() {
    AzureServiceAnnotations a = AzureServiceAnnotations.parse(Map.of());
    assertThat(a.internal()).isFalse();
    assertThat(a.disableFloatingIp()).isFalse();
    assertThat(a.ports()).isEmpty();
    assertThat(a.port(80).isEmpty()).isTrue();
    assertThat(a.errors()).isEmpty();
    assertThat(a.warnings()).isEmpty();
  }

  @Test
  void everyReachabilityAnnotationIsTyped() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(P + "azure-load-balancer-internal", "True");
    m.put(P + "azure-load-balancer-internal-subnet", "ingress");
    m.put(P + "azure-load-balancer-health-probe-protocol", "http");
    m.put(P + "azure-load-balancer-health-probe-request-path", "/healthz");
    m.put(P + "azure-load-balancer-health-probe-interval", "10");
    m.put(P + "azure-load-balancer-health-probe-num-of-probe", "3");
    m.put(P + "port_80_health-probe_protocol", "Https");
    m.put(P + "port_80_health-probe_request-path", "/ready");
    m.put(P + "port_80_health-probe_interval", "7");
    m.put(P + "port_80_health-probe_num-of-probe", "4");
    m.put(P + "port_80_health-probe_port", "http");
    m.put(P + "port_443_no_lb_rule", "true");
    m.put(P + "port_8443_no_probe_rule", "true");
    m.put(P + "azure-disable-load-balancer-floating-ip", "true");
    m.put(P + "azure-allowed-ip-ranges", "10.0.0.0/8, 192.168.1.0/24");
    m.put(P + "load-balancer-source-ranges", "172.16.0.0/12");
    m.put(P + "azure-allowed-service-tags", "AzureFrontDoor.Backend, AzureCloud");
    m.put(P + "azure-deny-all-except-load-balancer-source-ranges", "true");
    m.put(P + "azure-disable-load-balancer-nsg-rule", "true");
    m.put(P + "azure-pls-create", "true");
    m.put(P + "azure-pls-proxy-protocol", "true");
    m.put(P + "azure-load-balancer-enable-high-availability-ports", "true");
    m.put(P + "azure-load-balancer-tcp-idle-timeout", "30");
    m.put(P + "azure-load-balancer-disable-tcp-reset", "true");
    m.put(P + "azure-additional-public-ips", "20.1.2.3");
    AzureServiceAnnotations a = AzureServiceAnnotations.parse(m);
    assertThat(a.internal()).isTrue();
    assertThat(a.internalSubnet()).contains("ingress");
    assertThat(a.healthProbeProtocol()).contains(ProbeProtocol.HTTP);
    assertThat(a.healthProbeRequestPath()).contains("/healthz");
    assertThat(a.healthProbeInterval()).hasValue(10);
    assertThat(a.healthProbeNumOfProbe()).hasValue(3);
    AzurePortAnnotations p80 = a.port(80);
    assertThat(p80.healthProbeProtocol()).contains(ProbeProtocol.HTTPS);
    assertThat(p80.healthProbeRequestPath()).contains("/ready");
    assertThat(p80.healthProbeInterval()).hasValue(7);
    assertThat(p80.healthProbeNumOfProbe()).hasValue(4);
    assertThat(p80.healthProbePort()).contains(PortRef.name("http"));
    assertThat(a.port(443).noLbRule()).isTrue();
    assertThat(a.port(8443).noProbeRule()).isTrue();
    assertThat(a.port(8443).noLbRule()).isFalse();
    assertThat(a.disableFloatingIp()).isTrue();
    assertThat(a.allowedIpRanges()).containsExactly(IpPrefix.of("10.0.0.0/8"), IpPrefix.of("192.168.1.0/24"));
    assertThat(a.legacySourceRanges()).containsExactly(IpPrefix.of("172.16.0.0/12"));
    assertThat(a.allAllowedIpRanges()).hasSize(3);
    assertThat(a.allowedServiceTags()).containsExactly("AzureFrontDoor.Backend", "AzureCloud");
    assertThat(a.denyAllExceptLoadBalancerSourceRanges()).isTrue();
    assertThat(a.disableLoadBalancerNsgRule()).isTrue();
    assertThat(a.plsCreate()).isTrue();
    assertThat(a.plsProxyProtocol()).isTrue();
    assertThat(a.enableHighAvailabilityPorts()).isTrue();
    assertThat(a.tcpIdleTimeoutMinutes()).hasValue(30);
    assertThat(a.disableTcpReset()).isTrue();
    assertThat(a.additionalPublicIps()).containsExactly(IpAddress.of("20.1.2.3"));
    assertThat(a.errors()).isEmpty();
    assertThat(a.warnings()).isEmpty();
  }

  @Test
  void invalidRangesAreKeptApartLikeCloudProviderAzure() {
    AzureServiceAnnotations a = AzureServiceAnnotations.parse(Map.of(
        P + "azure-allowed-ip-ranges", "10.0.0.0/8,192.168.1.4,10.1.2.3/16,nope"));
    assertThat(a.allowedIpRanges()).containsExactly(IpPrefix.of("10.0.0.0/8"));
    assertThat(a.invalidIpRanges()).containsExactly("192.168.1.4", "10.1.2.3/16", "nope");
    assertThat(a.warnings()).hasSize(3).allMatch(w -> w.contains("deny-all"));
  }

  @Test
  void leniencyAndErrorsFollowTheCloudProvider() {
    AzureServiceAnnotations a = AzureServiceAnnotations.parse(Map.of(
        P + "azure-load-balancer-internal", "yes",
        P + "azure-load-balancer-health-probe-protocol", "grpc",
        P + "azure-load-balancer-health-probe-interval", "3",
        P + "azure-load-balancer-tcp-idle-timeout", "ten",
        P + "port_80_health-probe_port", "Not_A_Port"));
    assertThat(a.internal()).as("only \"true\" means true").isFalse();
    assertThat(a.healthProbeProtocol()).as("unknown protocol reads as Tcp").contains(ProbeProtocol.TCP);
    assertThat(a.warnings()).anyMatch(w -> w.contains("'yes'")).anyMatch(w -> w.contains("grpc"));
    assertThat(a.errors()).anyMatch(e -> e.contains("health-probe-interval") && e.contains("3 is out of range"))
        .anyMatch(e -> e.contains("tcp-idle-timeout") && e.contains("'ten' is not a number"))
        .anyMatch(e -> e.contains("port_80_health-probe_port"));
  }

  @Test
  void strictPrefixRejectsHostBitsAndBareAddresses() {
    assertThat(AzureServiceAnnotations.strictPrefix("10.0.0.0/8")).contains(IpPrefix.of("10.0.0.0/8"));
    assertThat(AzureServiceAnnotations.strictPrefix("10.0.0.1/8")).isEmpty();
    assertThat(AzureServiceAnnotations.strictPrefix("10.0.0.1")).isEmpty();
    assertThat(AzureServiceAnnotations.strictPrefix("2001:db8::/32")).isPresent();
  }
}
