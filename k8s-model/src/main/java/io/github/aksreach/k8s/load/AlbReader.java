package io.github.aksreach.k8s.load;

import io.github.aksreach.k8s.model.ApplicationLoadBalancer;
import io.github.aksreach.k8s.model.HealthCheckPolicy;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.ResourceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Application Gateway for Containers' {@code ApplicationLoadBalancer} ({@code alb.networking.azure.io/v1},
 * DOMAIN-GATEWAY 4.6): {@code spec.associations} must be a non-empty list of subnet resource ids (the delegated
 * association subnets); the {@code alb-id=} of the controller's {@code Deployment} status condition is kept. It
 * also reads {@code HealthCheckPolicy} ({@link HealthCheckPolicy}): {@code spec.targetRef} a Service ({@code group: ""},
 * {@code kind: Service}, {@code name}, optional {@code namespace}), {@code spec.default} and/or {@code spec.override}
 * (override wins field by field) with {@code port} (1-65535), {@code interval} and {@code timeout} (durations such as
 * {@code 5s}, above zero), {@code healthyThreshold} and {@code unhealthyThreshold} (above zero), {@code useTLS},
 * {@code grpc: {}} or {@code http} ({@code host}, {@code path} starting with {@code /}, {@code match.statusCodes}:
 * {@code start <= end} within 100-599); anything else is an error naming file and path. The ALB Controller's other
 * kinds (RoutePolicy, FrontendTLSPolicy, WebApplicationFirewallPolicy) are not read: the caller skips them with a
 * note, a warning saying what is not modelled for the one that changes who reaches what ({@link #notModelled}).
 */
final class AlbReader {
  static final String KIND = "ApplicationLoadBalancer";
  static final String HEALTH_CHECK_POLICY = "HealthCheckPolicy";
  private static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|\u00b5s|ms|s|m|h))+");
  private static final Pattern ALB_ID = Pattern.compile("alb-id=(\\S+)");

  private final ClusterAccumulator out;

  AlbReader(ClusterAccumulator out) {
    this.out = out;
  }

  /**
   * What leaving out an ALB Controller policy kind means for the answers, when it is one that changes who reaches
   * what; empty for any other kind or group. WebApplicationFirewallPolicy: the WAF's rules (DOMAIN-GATEWAY S5.17) live
   * in an Azure WAF policy no kubectl dump carries, so no verdict of the WAF is modelled.
   */
  static Optional<String> notModelled(String kind, String apiVersion) {
    if (!apiVersion.startsWith(ApplicationLoadBalancer.GROUP + "/")) {
      return Optional.empty();
    }
    if (kind.equals("WebApplicationFirewallPolicy")) {
      return Optional.of("Application Gateway for Containers' WAF verdicts are not modelled: "
          + "its custom rules (IPMatch on RemoteAddr, Allow or Block with 403) and managed rules live in the Azure WAF "
          + "policy it references, which no kubectl dump carries, so answers may admit what the WAF blocks "
          + "(DOMAIN-GATEWAY S5.17)");
    }
    return Optional.empty();
  }

  /** Reads the object, or returns false (reading nothing) when its group is not the ALB Controller's. */
  boolean read(Cursor o, String kind, String apiVersion, Provenance prov, int before) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (!group.equals(ApplicationLoadBalancer.GROUP)) {
      return false;
    }
    if (!apiVersion.substring(slash + 1).equals("v1")) {
      o.field("apiVersion").error("unknown apiVersion '" + apiVersion + "' for " + kind + ": aksreach reads "
          + ApplicationLoadBalancer.GROUP + "/v1");
      return true;
    }
    if (kind.equals(HEALTH_CHECK_POLICY)) {
      healthCheckPolicy(o, prov, before);
      return true;
    }
    String ns = ObjectReader.namespace(o);
    ApplicationLoadBalancer.Builder b = ApplicationLoadBalancer.builder().namespace(ns).name(ObjectReader.name(o))
        .provenance(prov);
    Cursor spec = o.field("spec");
    spec.expectObject();
    Cursor assoc = spec.field("associations");
    if (assoc.isAbsent() || (assoc.isArray() && assoc.size() == 0)) {
      assoc.error("an ApplicationLoadBalancer needs at least one association (the id of the subnet delegated to "
          + "Microsoft.ServiceNetworking/trafficControllers)");
    }
    Set<ResourceId> seen = new HashSet<>();
    for (Cursor a : assoc.items()) {
      Optional<String> id = a.text();
      Optional<ResourceId> parsed = id.flatMap(SubnetIds::parse);
      if (parsed.isEmpty()) {
        a.error(SubnetIds.expected(id.map(s -> "'" + s + "'").orElse(a.describe())));
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

  private void healthCheckPolicy(Cursor o, Provenance prov, int before) {
    String ns = ObjectReader.namespace(o);
    String name = ObjectReader.name(o);
    Cursor spec = o.field("spec");
    if (!spec.expectObject()) {
      return;
    }
    Cursor ref = spec.field("targetRef");
    String service = "";
    String serviceNs = ns;
    if (ref.isAbsent() || !ref.isObject()) {
      ref.error("a HealthCheckPolicy needs a targetRef: the Service whose endpoints AGC probes "
          + "({group: \"\", kind: Service, name: ...})");
    } else {
      String group = ref.string("group").orElse("");
      String refKind = ref.string("kind").orElse("");
      if (!group.isEmpty() || !refKind.equals("Service")) {
        ref.error("targetRef is " + (group.isEmpty() ? "" : group + "/") + refKind + ": Application Gateway for "
            + "Containers applies a HealthCheckPolicy to a Service (group \"\", kind Service)");
      }
      service = ref.string("name").orElse("");
      if (service.isEmpty()) {
        ref.field("name").error("targetRef needs the Service's name");
      }
      serviceNs = ref.nonEmpty("namespace").orElse(ns);
    }
    Cursor dflt = spec.field("default");
    Cursor over = spec.field("override");
    if (dflt.isAbsent() && over.isAbsent()) {
      spec.error("a HealthCheckPolicy needs spec.default or spec.override (the probe AGC sends)");
    }
    List<Cursor> configs = new ArrayList<>();
    for (Cursor c : List.of(over, dflt)) {
      if (c.isPresent() && c.expectObject()) {
        configs.add(c); // override first: it wins field by field
      }
    }
    OptionalInt port = OptionalInt.empty();
    Optional<Boolean> useTls = Optional.empty();
    Optional<String> interval = Optional.empty();
    Optional<String> timeout = Optional.empty();
    OptionalInt healthy = OptionalInt.empty();
    OptionalInt unhealthy = OptionalInt.empty();
    boolean grpc = false;
    boolean http = false;
    Optional<String> host = Optional.empty();
    Optional<String> path = Optional.empty();
    List<HealthCheckPolicy.StatusRange> codes = new ArrayList<>();
    for (Cursor c : configs) {
      if (port.isEmpty() && c.field("port").isPresent()) {
        port = c.port("port", true);
      }
      if (useTls.isEmpty() && c.field("useTLS").isPresent()) {
        useTls = c.field("useTLS").bool();
        if (useTls.isEmpty()) {
          c.field("useTLS").error("useTLS must be true or false, found " + c.field("useTLS").describe());
        }
      }
      if (interval.isEmpty()) {
        interval = duration(c.field("interval"));
      }
      if (timeout.isEmpty()) {
        timeout = duration(c.field("timeout"));
      }
      if (healthy.isEmpty()) {
        healthy = threshold(c.field("healthyThreshold"));
      }
      if (unhealthy.isEmpty()) {
        unhealthy = threshold(c.field("unhealthyThreshold"));
      }
      Cursor g = c.field("grpc");
      Cursor h = c.field("http");
      if (g.isPresent() && h.isPresent()) {
        c.error("grpc and http are exclusive: a health check is one or the other");
      }
      if (g.isPresent() && !grpc && !http) {
        if (!g.isObject() || g.size() != 0) {
          g.error("grpc must be {} (a gRPC health check has no settings), found " + g.describe());
        }
        grpc = true;
      }
      if (h.isPresent() && !grpc && !http && h.expectObject()) {
        http = true;
        host = h.nonEmpty("host");
        path = h.nonEmpty("path");
        path.filter(p -> !p.startsWith("/")).ifPresent(p -> h.field("path").error("path must start with /, found '"
            + p + "'"));
        for (Cursor r : h.at("match").items("statusCodes")) {
          OptionalInt start = r.integer("start");
          OptionalInt end = r.integer("end");
          if (start.isEmpty() || end.isEmpty()) {
            r.error("a status code range needs start and end (integers)");
          } else if (start.getAsInt() < 100 || end.getAsInt() > 599 || start.getAsInt() > end.getAsInt()) {
            r.error("status code range " + start.getAsInt() + "-" + end.getAsInt() + " is not within 100-599 with "
                + "start <= end");
          } else {
            codes.add(new HealthCheckPolicy.StatusRange(start.getAsInt(), end.getAsInt()));
          }
        }
      }
    }
    if (GatewayApiReader.ok(o, before)) {
      out.add(HEALTH_CHECK_POLICY, ns, new HealthCheckPolicy(ns, name, serviceNs, service, port, useTls, grpc, host,
          path, codes, interval, timeout, healthy, unhealthy, prov), prov);
    }
  }

  /** A Kubernetes duration ({@code metav1.Duration}, Go's {@code time.ParseDuration}), above zero. */
  private static Optional<String> duration(Cursor c) {
    if (c.isAbsent()) {
      return Optional.empty();
    }
    String v = c.text().orElse("");
    if (!DURATION.matcher(v).matches() || v.replaceAll("[^1-9]", "").isEmpty()) {
      c.error("expected a duration above zero such as 5s or 1m30s, found " + c.describe());
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private static OptionalInt threshold(Cursor c) {
    if (c.isAbsent()) {
      return OptionalInt.empty();
    }
    OptionalInt v = c.integer();
    if (v.isEmpty() || v.getAsInt() <= 0) {
      c.error("expected an integer above zero, found " + c.describe());
      return OptionalInt.empty();
    }
    return v;
  }
}
