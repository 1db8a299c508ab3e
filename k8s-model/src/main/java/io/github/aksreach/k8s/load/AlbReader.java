package io.github.aksreach.k8s.load;

import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Application Gateway for Containers' {@code ApplicationLoadBalancer} ({@code alb.networking.azure.io/v1},
 * DOMAIN-GATEWAY 4.6): {@code spec.associations} must be a non-empty list of subnet resource ids (the delegated
 * association subnets); the {@code alb-id=} of the controller's {@code Deployment} status condition is kept. The
 * ALB Controller's other kinds (HealthCheckPolicy, RoutePolicy, FrontendTLSPolicy, WebApplicationFirewallPolicy) are
 * not read: the caller skips them with a note, a warning saying what is not modelled for the two that change who
 * reaches what ({@link #notModelled}).
 */
final class AlbReader {
  static final String KIND = "ApplicationLoadBalancer";
  private static final Pattern ALB_ID = Pattern.compile("alb-id=(\\S+)");

  private final ClusterAccumulator out;

  AlbReader(ClusterAccumulator out) {
    this.out = out;
  }

  /**
   * What leaving out an ALB Controller policy kind means for the answers, when it is one that changes who reaches
   * what; empty for any other kind or group. HealthCheckPolicy: AGC sends only to endpoints its probe finds healthy
   * (the policy's probe, else the pod's readiness probe, else {@code GET /} on the backend port with Host
   * {@code localhost}: learn.microsoft.com/azure/application-gateway/for-containers/custom-health-probe), which aksreach
   * does not model. WebApplicationFirewallPolicy: the WAF's rules (DOMAIN-GATEWAY S5.17) are not applied.
   */
  static Optional<String> notModelled(String kind, String apiVersion) {
    if (!apiVersion.startsWith(ApplicationLoadBalancer.GROUP + "/")) {
      return Optional.empty();
    }
    switch (kind) {
      case "HealthCheckPolicy":
        return Optional.of("Application Gateway for Containers' health probes are not modelled: AGC sends only to "
            + "endpoints its probe finds healthy (this policy's, else the pod's readiness probe, else GET / on the "
            + "backend port), aksreach to every ready endpoint; a probe the pod's NetworkPolicy or the association "
            + "subnet's NSG refuses, or a path the application does not answer, is not seen");
      case "WebApplicationFirewallPolicy":
        return Optional.of("Application Gateway for Containers' WAF is not modelled: its custom rules (IPMatch on "
            + "RemoteAddr, Allow or Block with 403) and managed rules are not applied, so answers may admit what the "
            + "WAF blocks (DOMAIN-GATEWAY S5.17)");
      default:
        return Optional.empty();
    }
  }

  /** Reads the object, or returns false (reading nothing) when its group is not the ALB Controller's. */
  boolean read(Cursor o, String apiVersion, Provenance prov, int before) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (!group.equals(ApplicationLoadBalancer.GROUP)) {
      return false;
    }
    if (!apiVersion.substring(slash + 1).equals("v1")) {
      o.field("apiVersion").error("unknown apiVersion '" + apiVersion + "' for " + KIND + ": aksreach reads "
          + ApplicationLoadBalancer.GROUP + "/v1");
      return true;
    }
    String ns = ObjectReader.namespace(o);
    ApplicationLoadBalancer.Builder b = ApplicationLoadBalancer.builder().namespace(ns).name(ObjectReader.name(o))
        .provenance(prov);
    Cursor spec = o.field("spec");
    spec.expectObject();
    Cursor assoc = spec.field("associations");
    if (assoc.isAbsent() || (assoc.raw().isArray() && assoc.raw().isEmpty())) {
      assoc.error("an ApplicationLoadBalancer needs at least one association (the id of the subnet delegated to "
          + "Microsoft.ServiceNetworking/trafficControllers)");
    }
    Set<ResourceId> seen = new HashSet<>();
    for (Cursor a : assoc.items()) {
      Optional<String> id = a.text();
      Optional<ResourceId> parsed = id.flatMap(SubnetIds::parse);
      if (parsed.isEmpty()) {
        a.error(SubnetIds.expected(id.map(s -> "'" + s + "'").orElse(Cursor.describe(a.raw()))));
        continue;
      }
      ResourceId rid = parsed.get();
      if (!seen.add(rid)) {
        a.error("association " + rid + " is listed twice");
        continue;
      }
      b.addAssociations(rid);
    }
    for (Cursor c : o.at("status").items("conditions")) {
      if (c.string("type").orElse("").equals("Deployment")) {
        Matcher m = ALB_ID.matcher(c.string("message").orElse(""));
        if (m.find()) {
          b.albId(m.group(1));
        }
      }
    }
    if (GatewayApiReader.ok(o, before)) {
      out.add(KIND, ns, b.build(), prov);
    }
    return true;
  }
}
