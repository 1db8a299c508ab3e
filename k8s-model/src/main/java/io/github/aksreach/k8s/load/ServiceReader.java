package io.github.aksreach.k8s.load;

import static io.github.aksreach.k8s.load.ObjectReader.annotations;
import static io.github.aksreach.k8s.load.ObjectReader.labels;
import static io.github.aksreach.k8s.load.ObjectReader.name;
import static io.github.aksreach.k8s.load.ObjectReader.namespace;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.AddressType;
import io.github.aksreach.k8s.model.AzureServiceAnnotations;
import io.github.aksreach.k8s.model.EndpointPort;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.SessionAffinity;
import io.github.aksreach.k8s.model.SliceEndpoint;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.nsg.model.Provenance;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads Services, EndpointSlices and (legacy) Endpoints, for {@link ObjectReader}: ports, traffic policies,
 * annotations and endpoints with their conditions, each problem reported with its path.
 */
final class ServiceReader {
  private final ReadContext ctx;
  private final ClusterAccumulator out;

  ServiceReader(ReadContext ctx, ClusterAccumulator out) {
    this.ctx = ctx;
    this.out = out;
  }

  private boolean ok(int before) {
    return ctx.errorCount() == before;
  }

  void service(Cursor o, Provenance prov, int before) {
    String ns = namespace(o);
    Map<String, String> annotations = annotations(o);
    Service.Builder b = Service.builder().name(name(o)).namespace(ns).putAllLabels(labels(o))
        .putAllAnnotations(annotations).provenance(prov);
    o.at("metadata").nonEmpty("uid").ifPresent(b::uid);
    Cursor spec = o.field("spec");
    spec.expectObject();
    ServiceType type = spec.field("type").enumValue(ServiceType::fromApiName,
        "ClusterIP, NodePort, LoadBalancer or ExternalName").orElse(ServiceType.CLUSTER_IP);
    b.type(type);
    List<Integer> seen = new ArrayList<>();
    for (Cursor p : spec.items("ports")) {
      ServicePort.Builder pb = ServicePort.builder();
      p.nonEmpty("name").ifPresent(pb::name);
      Protocol protocol = p.field("protocol").protocol();
      pb.protocol(protocol);
      OptionalInt port = p.port("port", true);
      if (p.field("port").isAbsent()) {
        p.field("port").error("missing port");
      }
      Optional<PortRef> target = p.field("targetPort").portRef();
      if (target.isPresent() && target.get().asNumber().isPresent() && target.get().asNumber().getAsInt() == 0) {
        target = Optional.empty();
      }
      target.ifPresent(pb::targetPort);
      OptionalInt nodePort = p.port("nodePort", false);
      if (nodePort.isPresent() && nodePort.getAsInt() > 0) {
        pb.nodePort(nodePort.getAsInt());
      }
      p.nonEmpty("appProtocol").ifPresent(pb::appProtocol);
      if (port.isPresent()) {
        int key = port.getAsInt() * 1000 + protocol.number();
        if (seen.contains(key)) {
          p.error("duplicate port " + port.getAsInt() + "/" + protocol);
        }
        seen.add(key);
        b.addPorts(pb.port(port.getAsInt()).build());
      }
    }
    b.putAllSelector(spec.stringMap("selector"));
    List<Cursor> clusterIps = spec.items("clusterIPs");
    if (clusterIps.isEmpty() && spec.field("clusterIP").isPresent()) {
      clusterIps = List.of(spec.field("clusterIP"));
    } else if (!clusterIps.isEmpty()) {
      sameFirstClusterIp(spec.field("clusterIP"), clusterIps.get(0));
    }
    for (Cursor c : clusterIps) {
      String t = c.text().orElse("");
      if (t.equals("None")) {
        b.headless(true);
      } else if (!t.isEmpty()) {
        c.ip().ifPresent(b::addClusterIps);
      }
    }
    if (type == ServiceType.EXTERNAL_NAME && !clusterIps.isEmpty()) {
      spec.field("clusterIP").warn("an ExternalName Service has no cluster IP; the API server would not assign one");
    }
    for (Cursor c : spec.items("externalIPs")) {
      c.ip().ifPresent(b::addExternalIps);
    }
    spec.field("externalTrafficPolicy").enumValue(TrafficPolicy::fromApiName, "Cluster or Local")
        .ifPresent(b::externalTrafficPolicy);
    spec.field("internalTrafficPolicy").enumValue(TrafficPolicy::fromApiName, "Cluster or Local")
        .ifPresent(b::internalTrafficPolicy);
    OptionalInt hc = spec.port("healthCheckNodePort", false);
    if (hc.isPresent() && hc.getAsInt() > 0) {
      b.healthCheckNodePort(hc.getAsInt());
    }
    Cursor lbIp = spec.field("loadBalancerIP");
    if (lbIp.text().filter(s -> !s.isEmpty()).isPresent()) {
      lbIp.ip().ifPresent(b::loadBalancerIp);
    }
    for (Cursor c : spec.items("loadBalancerSourceRanges")) {
      Optional<IpPrefix> p = c.parse(IpPrefix::parse);
      if (p.isPresent()) {
        b.addLoadBalancerSourceRanges(p.get());
        String t = c.text().orElse("").trim();
        if (AzureServiceAnnotations.strictPrefix(t).isEmpty()) {
          b.addUnmaskedLoadBalancerSourceRanges(t);
          c.warn("'" + t + "' is not a properly masked CIDR: kube-proxy reads it as " + p.get()
              + ", cloud-provider-azure rejects it (and then adds a deny-all NSG rule)");
        }
      }
    }
    spec.field("sessionAffinity").enumValue(SessionAffinity::fromApiName, "None or ClientIP")
        .ifPresent(b::sessionAffinity);
    OptionalInt timeout = spec.at("sessionAffinityConfig", "clientIP").integer("timeoutSeconds");
    if (timeout.isPresent()) {
      b.sessionAffinityTimeoutSeconds(timeout.getAsInt());
    }
    b.publishNotReadyAddresses(spec.bool("publishNotReadyAddresses", false));
    spec.nonEmpty("loadBalancerClass").ifPresent(b::loadBalancerClass);
    for (Cursor f : spec.items("ipFamilies")) {
      f.enumValue(s -> s.equals("IPv4") ? Optional.of(IpFamily.V4) : s.equals("IPv6") ? Optional.of(IpFamily.V6)
          : Optional.empty(), "IPv4 or IPv6").ifPresent(b::addIpFamilies);
    }
    spec.nonEmpty("externalName").ifPresent(b::externalName);
    spec.field("allocateLoadBalancerNodePorts").bool().ifPresent(b::allocateLoadBalancerNodePorts);
    Cursor lbStatus = o.at("status", "loadBalancer");
    for (Cursor i : lbStatus.items("ingress")) {
      if (i.nonEmpty("ip").isPresent()) {
        i.field("ip").ip().ifPresent(b::addLoadBalancerIngressIps);
      } else if (i.nonEmpty("hostname").isPresent()) {
        i.info("load-balancer ingress by hostname only ('" + i.string("hostname").get() + "'): not an address");
      }
    }
    AzureServiceAnnotations azure = AzureServiceAnnotations.parse(annotations);
    Cursor annotationsAt = o.at("metadata", "annotations");
    for (String w : azure.warnings()) {
      annotationsAt.warn(w);
    }
    for (String e : azure.errors()) {
      annotationsAt.warn(e + "; cloud-provider-azure will not reconcile this Service's load balancer");
    }
    if (type == ServiceType.LOAD_BALANCER && spec.field("externalTrafficPolicy").isAbsent()) {
      spec.info("no externalTrafficPolicy: Cluster (the API default)");
    }
    if (ok(before)) {
      out.add("Service", ns, b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- endpoints

  private Optional<ObjectRef> targetRef(Cursor r, String defaultNs) {
    if (r.isAbsent()) {
      return Optional.empty();
    }
    return Optional.of(ObjectRef.of(r.string("kind").orElse(""), r.nonEmpty("namespace").orElse(defaultNs),
        r.string("name").orElse("")));
  }

  private List<EndpointPort> endpointPorts(Cursor list) {
    List<EndpointPort> out = new ArrayList<>();
    for (Cursor p : list.items()) {
      EndpointPort.Builder pb = EndpointPort.builder();
      p.nonEmpty("name").ifPresent(pb::name);
      pb.protocol(p.field("protocol").protocol());
      OptionalInt port = p.port("port", false);
      if (port.isPresent()) {
        pb.port(port.getAsInt());
      }
      p.nonEmpty("appProtocol").ifPresent(pb::appProtocol);
      out.add(pb.build());
    }
    return out;
  }

  void endpointSlice(Cursor o, Provenance prov, int before) {
    String ns = namespace(o);
    Map<String, String> labels = labels(o);
    EndpointSlice.Builder b = EndpointSlice.builder().name(name(o)).namespace(ns).putAllLabels(labels)
        .provenance(prov);
    String svc = labels.get(EndpointSlice.LABEL_SERVICE_NAME);
    if (svc != null && !svc.isEmpty()) {
      b.serviceName(svc);
    } else {
      o.at("metadata", "labels").info("no " + EndpointSlice.LABEL_SERVICE_NAME + " label: not tied to a Service");
    }
    AddressType type = o.field("addressType").enumValue(AddressType::fromApiName, "IPv4, IPv6 or FQDN")
        .orElse(AddressType.IPV4);
    if (o.field("addressType").isAbsent()) {
      o.field("addressType").error("missing addressType");
    }
    b.addressType(type);
    if (type == AddressType.FQDN) {
      o.info("FQDN endpoint slice: aksreach models no DNS, its endpoints are not followed");
    }
    for (Cursor e : o.items("endpoints")) {
      SliceEndpoint.Builder eb = SliceEndpoint.builder();
      if (type != AddressType.FQDN) {
        for (Cursor a : e.items("addresses")) {
          a.ip().ifPresent(ip -> {
            if ((type == AddressType.IPV4) != (ip.family() == IpFamily.V4)) {
              a.error("address " + ip + " is not of the slice's addressType " + type);
            }
            eb.addAddresses(ip);
          });
        }
      }
      Cursor cond = e.field("conditions");
      eb.ready(cond.field("ready").bool().orElse(true));
      eb.serving(cond.field("serving").bool().orElse(true));
      eb.terminating(cond.field("terminating").bool().orElse(false));
      Optional<String> node = e.nonEmpty("nodeName");
      if (node.isEmpty()) {
        node = e.field("topology").nonEmpty("kubernetes.io/hostname");
      }
      node.ifPresent(eb::nodeName);
      targetRef(e.field("targetRef"), ns).ifPresent(eb::targetRef);
      e.nonEmpty("zone").ifPresent(eb::zone);
      e.nonEmpty("hostname").ifPresent(eb::hostname);
      b.addEndpoints(eb.build());
    }
    b.addAllPorts(endpointPorts(o.field("ports")));
    if (ok(before)) {
      out.add("EndpointSlice", ns, b.build(), prov);
    }
  }

  void endpoints(Cursor o, Provenance prov, int before) {
    String ns = namespace(o);
    String name = name(o);
    List<EndpointSlice> slices = new ArrayList<>();
    List<Cursor> subsets = o.items("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      Cursor s = subsets.get(i);
      List<EndpointPort> ports = endpointPorts(s.field("ports"));
      Map<IpFamily, EndpointSlice.Builder> byFamily = new LinkedHashMap<>();
      for (String list : List.of("addresses", "notReadyAddresses")) {
        boolean ready = list.equals("addresses");
        for (Cursor a : s.items(list)) {
          Optional<IpAddress> ip = a.field("ip").ip();
          if (ip.isEmpty()) {
            continue;
          }
          int index = i;
          EndpointSlice.Builder sb = byFamily.computeIfAbsent(ip.get().family(), f -> EndpointSlice.builder()
              .namespace(ns).name(name + "-subset" + index + (f == IpFamily.V4 ? "" : "-v6")).serviceName(name)
              .addressType(f == IpFamily.V4 ? AddressType.IPV4 : AddressType.IPV6).fromLegacyEndpoints(true)
              .addAllPorts(ports).provenance(prov));
          SliceEndpoint.Builder eb = SliceEndpoint.builder().addAddresses(ip.get()).ready(ready).serving(ready)
              .terminating(false);
          a.nonEmpty("nodeName").ifPresent(eb::nodeName);
          a.nonEmpty("hostname").ifPresent(eb::hostname);
          targetRef(a.field("targetRef"), ns).ifPresent(eb::targetRef);
          sb.addEndpoints(eb.build());
        }
      }
      byFamily.values().forEach(sb -> slices.add(sb.build()));
    }
    if (ok(before)) {
      for (EndpointSlice s : slices) {
        out.add("EndpointSlice", ns, s, prov);
      }
    }
  }
  /**
   * {@code clusterIPs} is read, so a {@code clusterIP} beside it that names another address would be lost in silence:
   * the API server keeps {@code clusterIP} equal to {@code clusterIPs[0]} and refuses an object where they differ.
   */
  private static void sameFirstClusterIp(Cursor single, Cursor first) {
    if (single.isAbsent() || single.isExplicitNull() || !single.isValueNode() || !first.isValueNode()) {
      return;
    }
    String one = single.asText().strip();
    String listed = first.asText().strip();
    if (one.isEmpty() || one.equals(listed)) {
      return;
    }
    Validation<ModelError, IpAddress> a = IpAddress.parse(one);
    Validation<ModelError, IpAddress> b = IpAddress.parse(listed);
    if (a.isValid() && b.isValid() && a.get().equals(b.get())) {
      return;   // one address written two ways (IPv6)
    }
    first.error("'" + listed + "' is not spec.clusterIP '" + one + "': the API server keeps clusterIP equal to the"
        + " first of clusterIPs (keep one address)");
  }
}
