package io.github.aksreach.k8s.checks;

import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.check.Violation;
import io.github.aksreach.core.check.ViolationCollector;
import io.github.aksreach.k8s.gateway.IstioDataPlane;
import io.github.aksreach.k8s.model.AzurePortAnnotations;
import io.github.aksreach.k8s.model.AzureServiceAnnotations;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rule of {@link MigrationChecks#PROBE_ANNOTATIONS_UNDER_LOCAL_POLICY}: Azure LB health-probe annotations on a
 * Service whose {@code externalTrafficPolicy} is Local (DOMAIN.md 3.2; DOMAIN-GATEWAY A4.11, 4.3). cloud-provider-azure
 * then writes one {@code Http /healthz} probe on {@code healthCheckNodePort}, which "take[s] precedence over user
 * defined probe configuration": the protocol and request-path annotations (per port and Service-wide) are ignored, and
 * {@code port_<p>_health-probe_port} moves that probe (still {@code Http /healthz}) to another port, where it no longer
 * asks kube-proxy whether the node has a ready endpoint. The typical source is an Istio Gateway Service moved to Local
 * with AKS's {@code port_80/443_health-probe_*} annotations left in place, which Microsoft says must be unset. The
 * exception cloud-provider-azure makes (Private Link Service with PROXY protocol: Cluster-style probes) is not flagged.
 */
final class ProbeAnnotationRules {
  private ProbeAnnotationRules() {}

  /** Called on LoadBalancer Services the check has already narrowed to externalTrafficPolicy Local. */
  static void annotationsUnderLocal(CheckContext ctx, Service svc, ViolationCollector out) {
    AzureServiceAnnotations az = svc.azure();
    if (az.plsCreate() && az.plsProxyProtocol()) {
      return;
    }
    List<String> ignored = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    String prefix = AzureServiceAnnotations.PREFIX;
    az.healthProbeProtocol().ifPresent(p -> ignored.add(AzureServiceAnnotations.HEALTH_PROBE_PROTOCOL + ": " + p));
    az.healthProbeRequestPath().ifPresent(p -> ignored.add(AzureServiceAnnotations.HEALTH_PROBE_REQUEST_PATH + ": "
        + p));
    String hc = svc.healthCheckNodePort().isPresent() ? "healthCheckNodePort " + svc.healthCheckNodePort().getAsInt()
        : "the healthCheckNodePort";
    for (Map.Entry<Integer, AzurePortAnnotations> e : az.ports().entrySet()) {
      AzurePortAnnotations pa = e.getValue();
      String key = prefix + "port_" + e.getKey() + "_health-probe_";
      pa.healthProbeProtocol().ifPresent(p -> ignored.add(key + "protocol: " + p));
      pa.healthProbeRequestPath().ifPresent(p -> ignored.add(key + "request-path: " + p));
      if (pa.healthProbePort().isPresent()) {
        PortRef ref = pa.healthProbePort().get();
        Optional<ServicePort> named = svc.port(ref);
        OptionalInt nodePort = named.map(ServicePort::nodePort).orElse(OptionalInt.empty());
        String where = nodePort.isPresent() ? "nodePort " + nodePort.getAsInt() + " (of Service port "
            + named.get().port() + ")" : "port " + ref;
        moved.add(key + "port: " + ref + " moves the probe of port " + e.getKey() + " from " + hc
            + " to Http /healthz on " + where);
      }
    }
    if (ignored.isEmpty() && moved.isEmpty()) {
      return;
    }
    Optional<Gateway> gateway = generatedFor(ctx, svc);
    StringBuilder msg = new StringBuilder("Service " + svc.key() + " uses externalTrafficPolicy Local, so "
        + "cloud-provider-azure probes Http /healthz on " + hc + " (a node is UP iff it has a ready endpoint) and ");
    if (!ignored.isEmpty()) {
      msg.append("ignores ").append(String.join(", ", ignored));
    }
    if (!moved.isEmpty()) {
      msg.append(ignored.isEmpty() ? "" : "; but ").append(String.join("; ", moved))
          .append(": the probe no longer asks kube-proxy whether the node has a ready endpoint, and a port that does "
              + "not answer 200 on /healthz (Istio's status port 15021 serves /healthz/ready) marks every node DOWN");
    }
    gateway.ifPresent(g -> msg.append(" (the Service of Gateway ").append(g.key()).append(", whose AKS "
        + "health-probe annotations are meant for externalTrafficPolicy Cluster)"));
    Optional<Location> at = ctx.location(svc).or(() -> gateway.flatMap(g -> ctx.location(g.provenance())));
    out.add(Violation.of(msg.toString())
        .withEvidence("DOMAIN.md 3.2: under Local the pod-presence probe takes precedence over the protocol and "
            + "request-path annotations; only port_<p>_health-probe_port overrides its port. DOMAIN-GATEWAY A4.11: "
            + "Microsoft's procedure for ETP Local on a Gateway unsets port_80/443_health-probe_port, _protocol and "
            + "_request-path")
        .withFix(gateway.isPresent()
            ? "in the Service overlay that sets externalTrafficPolicy: Local (GatewayClass defaults or the Gateway's "
                + "parametersRef ConfigMap), set these annotations to null under metadata.annotations"
            : "remove the health-probe annotations from the Service (keep interval and num-of-probe if wanted), or "
                + "go back to externalTrafficPolicy Cluster if the custom probe is what you need")
        .at(at));
  }

  /** The Istio Gateway whose generated Service {@code svc} is, if any. */
  private static Optional<Gateway> generatedFor(CheckContext ctx, Service svc) {
    return ctx.scenario().kubernetes().gateways().stream()
        .filter(g -> IstioDataPlane.isIstio(g, ctx.scenario().kubernetes()) && g.namespace().equals(svc.namespace())
            && IstioDataPlane.serviceName(g).equals(svc.name()))
        .findFirst();
  }
}
