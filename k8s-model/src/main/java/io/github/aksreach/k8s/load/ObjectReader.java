package io.github.aksreach.k8s.load;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.model.AddressType;
import io.github.aksreach.k8s.model.AzureServiceAnnotations;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.EndpointPort;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressBackend;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.IngressTls;
import io.github.aksreach.k8s.model.IpBlock;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.LabelSelectorRequirement;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PodPhase;
import io.github.aksreach.k8s.model.PodTemplate;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.SelectorOperator;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.SessionAffinity;
import io.github.aksreach.k8s.model.SliceEndpoint;
import io.github.aksreach.k8s.model.Taint;
import io.github.aksreach.k8s.model.TaintEffect;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.model.Workload;
import io.github.aksreach.k8s.model.WorkloadKind;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.Provenance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads one Kubernetes object (a mapping with {@code kind}) into model objects, reporting every problem. An object
 * whose reading reported an error is dropped (the whole load then fails); the builders are only called with values
 * that passed validation, so no {@link InvalidModelException} escapes.
 */
final class ObjectReader {
  private static final java.util.Set<String> KNOWN = java.util.Set.of("Node", "Pod", "Service", "EndpointSlice",
      "Endpoints", "Ingress", "IngressClass", "NetworkPolicy", "Namespace", "ConfigMap", "Deployment", "DaemonSet",
      "StatefulSet", "ReplicaSet", "Gateway", "HTTPRoute", "GRPCRoute", "ReferenceGrant", "AuthorizationPolicy");

  private final ReadContext ctx;
  private final ClusterAccumulator out;

  ObjectReader(ReadContext ctx, ClusterAccumulator out) {
    this.ctx = ctx;
    this.out = out;
  }

  /** Reads a document: one object or a {@code List}/{@code *List} of them. */
  void readDocument(Cursor doc) {
    if (!doc.isObject()) {
      doc.error("expected a Kubernetes object (a mapping with 'kind'), found " + Cursor.describe(doc.raw()));
      return;
    }
    readObject(doc, Optional.empty());
  }

  /** Reads a top-level array of objects (not what kubectl prints, but harmless). */
  void readArray(Cursor array) {
    for (Cursor item : array.items()) {
      readDocument(item);
    }
  }

  private void readObject(Cursor o, Optional<String> kindFromList) {
    Optional<String> kindText = o.string("kind").filter(k -> !k.isEmpty());
    String kind = kindText.or(() -> kindFromList).orElse("");
    if (kind.isEmpty()) {
      o.error("not a Kubernetes object: no 'kind'");
      return;
    }
    if (o.field("items").isPresent() && (kind.equals("List") || kind.endsWith("List"))) {
      Optional<String> itemKind = kind.equals("List") ? Optional.empty()
          : Optional.of(kind.substring(0, kind.length() - "List".length()));
      for (Cursor item : o.items("items")) {
        if (!item.isObject()) {
          item.error("expected a Kubernetes object, found " + (item.raw() == null ? "nothing"
              : Cursor.describe(item.raw())));
          continue;
        }
        readObject(item, itemKind);
      }
      return;
    }
    String apiVersion = o.string("apiVersion").orElse("");
    Cursor meta = o.field("metadata");
    meta.expectObject();
    String name = meta.string("name").orElse("");
    String ns = meta.string("namespace").orElse("");
    boolean clusterScoped = kind.equals("Node") || kind.equals("Namespace") || kind.equals("IngressClass")
        || kind.equals("GatewayClass");
    if (ns.isEmpty() && !clusterScoped && KNOWN.contains(kind)) {
      ns = "default";
    }
    ctx.subject = kind + " " + (ns.isEmpty() ? name : ns + "/" + name);
    Provenance prov = new Provenance(ctx.file, o.path());
    int before = ctx.errorCount();
    try {
      switch (kind) {
        case "Node":
          node(o, prov, before);
          break;
        case "Pod":
          pod(o, prov, before);
          break;
        case "Service":
          service(o, prov, before);
          break;
        case "EndpointSlice":
          endpointSlice(o, prov, before);
          break;
        case "Endpoints":
          endpoints(o, prov, before);
          break;
        case "Ingress":
          ingress(o, apiVersion, prov, before);
          break;
        case "IngressClass":
          ingressClass(o, prov, before);
          break;
        case "NetworkPolicy":
          networkPolicy(o, prov, before);
          break;
        case "Namespace":
          namespace(o, prov, before);
          break;
        case "ConfigMap":
          configMap(o, prov, before);
          break;
        case "Deployment":
        case "DaemonSet":
        case "StatefulSet":
        case "ReplicaSet":
          workload(o, WorkloadKind.fromKind(kind).orElseThrow(), prov, before);
          break;
        case "GatewayClass":
        case "Gateway":
        case "HTTPRoute":
        case "GRPCRoute":
        case "ReferenceGrant":
        case "AuthorizationPolicy":
          if (!new GatewayApiReader(out).read(o, kind, apiVersion, prov, before)) {
            ctx.subject = "";
            ctx.info(o.path(), "skipped " + kind + " " + apiVersion + (name.isEmpty() ? "" : " " + (ns.isEmpty() ? name
                : ns + "/" + name)) + ": not the Gateway API or Istio security kind aksreach reads");
          }
          break;
        default:
          ctx.subject = "";
          ctx.info(o.path(), "skipped " + kind + (name.isEmpty() ? "" : " " + (ns.isEmpty() ? name : ns + "/" + name))
              + ": aksreach does not use this kind");
          ctx.subject = "";
          return;
      }
    } catch (InvalidModelException e) {
      // a structural invariant the checks above missed: still an input error, never a crash
      o.error(e.getMessage());
    }
    ctx.subject = "";
  }

  /**
   * {@code status.addresses}: every entry a mapping with a type and an address; one Hostname; no entry twice. Returns
   * whether an InternalIP was read.
   */
  private boolean nodeAddresses(Cursor status, Node.Builder b) {
    boolean internal = false;
    Map<String, String> seen = new HashMap<>();
    Cursor hostname = null;
    for (Cursor a : status.items("addresses")) {
      if (a.isAbsent() || !a.isObject()) {
        a.error("expected a mapping with type and address, found " + (a.isAbsent() ? "null" : Cursor.describe(a.raw())));
        continue;
      }
      Optional<String> type = a.nonEmpty("type");
      Optional<String> address = a.nonEmpty("address");
      if (type.isEmpty() || address.isEmpty()) {
        a.field(type.isEmpty() ? "type" : "address").error("missing " + (type.isEmpty() ? "type (InternalIP,"
            + " ExternalIP, Hostname, InternalDNS or ExternalDNS)" : "address"));
        continue;
      }
      String first = seen.putIfAbsent(type.get() + " " + address.get(), a.path());
      if (first != null) {
        a.error(type.get() + " '" + address.get() + "' is listed twice: also at " + first);
        continue;
      }
      switch (type.get()) {
        case "InternalIP":
          internal = true;
          a.field("address").ip().ifPresent(b::addInternalIps);
          break;
        case "ExternalIP":
          a.field("address").ip().ifPresent(b::addExternalIps);
          break;
        case "Hostname":
          if (hostname != null) {
            a.error("a second Hostname address '" + address.get() + "': the node already has Hostname '"
                + hostname.nonEmpty("address").orElse("") + "' at " + hostname.path() + " (keep one)");
          } else {
            hostname = a;
            b.hostname(address.get());
          }
          break;
        case "InternalDNS":
        case "ExternalDNS":
          break;
        default:
          a.field("type").info("unknown address type '" + type.get() + "' ignored (expected InternalIP, ExternalIP,"
              + " Hostname, InternalDNS or ExternalDNS)");
      }
    }
    return internal;
  }

  private boolean ok(int before) {
    return ctx.errorCount() == before;
  }

  static String name(Cursor o) {
    return o.field("metadata").required("name");
  }

  static String namespace(Cursor o) {
    Cursor meta = o.field("metadata");
    Optional<String> ns = meta.nonEmpty("namespace");
    if (ns.isEmpty()) {
      meta.info("no namespace: assuming 'default', as kubectl does");
      return "default";
    }
    return ns.get();
  }

  /** {@code metadata.creationTimestamp}; a warning (and empty) when it is not an RFC 3339 time. */
  static Optional<Instant> creationTimestamp(Cursor o) {
    Cursor created = o.at("metadata", "creationTimestamp");
    Optional<String> t = created.text();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(t.get()));
    } catch (DateTimeParseException e) {
      created.warn("creationTimestamp '" + t.get() + "' is not an RFC 3339 time; ignored");
      return Optional.empty();
    }
  }

  static Map<String, String> labels(Cursor o) {
    return o.field("metadata").stringMap("labels");
  }

  static Map<String, String> annotations(Cursor o) {
    return o.field("metadata").stringMap("annotations");
  }

  private boolean deleting(Cursor o) {
    return o.at("metadata", "deletionTimestamp").isPresent();
  }

  // ---------------------------------------------------------------------------------------------- Node

  private void node(Cursor o, Provenance prov, int before) {
    Node.Builder b = Node.builder().name(name(o)).putAllLabels(labels(o)).putAllAnnotations(annotations(o))
        .deleting(deleting(o)).provenance(prov);
    Cursor spec = o.field("spec");
    if (spec.isExplicitNull() || spec.isAbsent()) {
      spec.warn("spec is " + (spec.isExplicitNull() ? "null" : "missing") + ": no pod CIDRs, taints or provider ID");
    } else if (spec.expectObject()) {
      List<Cursor> cidrs = spec.items("podCIDRs");
      if (cidrs.isEmpty() && spec.field("podCIDR").isPresent()) {
        cidrs = List.of(spec.field("podCIDR"));
      }
      for (Cursor c : cidrs) {
        c.cidr().ifPresent(b::addPodCidrs);
      }
      for (Cursor t : spec.items("taints")) {
        String key = t.required("key");
        Optional<TaintEffect> effect = t.field("effect").enumValue(TaintEffect::fromApiName,
            "NoSchedule, PreferNoSchedule or NoExecute");
        if (t.field("effect").isAbsent()) {
          t.field("effect").error("missing effect");
        }
        Optional<String> value = t.nonEmpty("value");
        if (!key.isEmpty() && effect.isPresent()) {
          b.addTaints(Taint.of(key, value, effect.get()));
        }
      }
      b.unschedulable(spec.bool("unschedulable", false));
      spec.nonEmpty("providerID").ifPresent(b::providerId);
    }
    Cursor status = o.field("status");
    status.expectObject();
    boolean internal = nodeAddresses(status, b);
    if (!internal) {
      status.field("addresses").warn("no InternalIP address: the node cannot be placed on the network");
    }
    Map<String, String> conditions = new LinkedHashMap<>();
    for (Cursor c : status.items("conditions")) {
      String type = c.string("type").orElse("");
      String st = c.string("status").orElse("");
      if (type.isEmpty()) {
        c.info("condition without a type ignored");
        continue;
      }
      conditions.put(type, st);
    }
    b.putAllConditions(conditions);
    String ready = conditions.get("Ready");
    if (ready == null) {
      status.field("conditions").warn("no Ready condition: the node is treated as not ready");
    }
    b.ready("True".equals(ready));
    status.at("nodeInfo").expectObject();
    status.at("nodeInfo").nonEmpty("kubeletVersion").ifPresent(b::kubeletVersion);
    if (ok(before)) {
      out.add("Node", "", b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- Pod

  private List<Container> containers(Cursor list) {
    List<Container> out = new ArrayList<>();
    for (Cursor c : list.items()) {
      Container.Builder b = Container.builder().name(c.required("name"));
      c.nonEmpty("image").ifPresent(b::image);
      b.addAllCommand(c.strings("command"));
      b.addAllArgs(c.strings("args"));
      for (Cursor p : c.items("ports")) {
        ContainerPort.Builder pb = ContainerPort.builder();
        p.nonEmpty("name").ifPresent(pb::name);
        OptionalInt port = p.port("containerPort", true);
        if (p.field("containerPort").isAbsent()) {
          p.field("containerPort").error("missing containerPort");
        }
        pb.protocol(p.field("protocol").protocol());
        OptionalInt hostPort = p.port("hostPort", false);
        if (hostPort.isPresent() && hostPort.getAsInt() > 0) {
          pb.hostPort(hostPort.getAsInt());
        }
        if (port.isPresent()) {
          b.addPorts(pb.containerPort(port.getAsInt()).build());
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private void pod(Cursor o, Provenance prov, int before) {
    Pod.Builder b = Pod.builder().name(name(o)).namespace(namespace(o)).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).terminating(deleting(o)).provenance(prov);
    String ns = o.at("metadata").nonEmpty("namespace").orElse("default");
    for (Cursor r : o.at("metadata").items("ownerReferences")) {
      b.addOwners(ObjectRef.of(r.string("kind").orElse(""), ns, r.string("name").orElse("")));
    }
    Cursor spec = o.field("spec");
    spec.expectObject();
    spec.nonEmpty("nodeName").ifPresent(b::nodeName);
    b.hostNetwork(spec.bool("hostNetwork", false));
    b.addAllContainers(containers(spec.field("containers")));
    b.putAllNodeSelector(spec.stringMap("nodeSelector"));
    Cursor status = o.field("status");
    status.expectObject();
    List<Cursor> ips = status.items("podIPs");
    if (!ips.isEmpty()) {
      for (Cursor ip : ips) {
        ip.field("ip").ip().ifPresent(b::addPodIps);
      }
    } else if (status.nonEmpty("podIP").isPresent()) {
      status.field("podIP").ip().ifPresent(b::addPodIps);
    }
    status.field("hostIP").text().filter(s -> !s.isEmpty()).ifPresent(s -> status.field("hostIP").ip()
        .ifPresent(b::hostIp));
    Optional<PodPhase> phase = status.field("phase").enumValue(PodPhase::fromApiName,
        "Pending, Running, Succeeded, Failed or Unknown");
    if (status.field("phase").isAbsent()) {
      status.info("no status.phase: the pod is treated as Pending");
      b.phase(PodPhase.PENDING);
    } else {
      phase.ifPresent(b::phase);
    }
    String ready = "";
    for (Cursor c : status.items("conditions")) {
      if ("Ready".equals(c.string("type").orElse(""))) {
        ready = c.string("status").orElse("");
      }
    }
    b.ready("True".equals(ready));
    if (ok(before)) {
      out.add("Pod", ns, b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- Service

  private void service(Cursor o, Provenance prov, int before) {
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

  private void endpointSlice(Cursor o, Provenance prov, int before) {
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

  private void endpoints(Cursor o, Provenance prov, int before) {
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

  // ---------------------------------------------------------------------------------------------- Ingress

  private Optional<IngressBackend> backend(Cursor c, boolean v1) {
    if (c.isAbsent()) {
      return Optional.empty();
    }
    if (v1) {
      Cursor svc = c.field("service");
      Cursor res = c.field("resource");
      if (svc.isPresent() == res.isPresent()) {
        c.error("a backend needs exactly one of service or resource");
        return Optional.empty();
      }
      if (res.isPresent()) {
        return Optional.of(IngressBackend.builder().resource(ObjectRef.of(res.string("kind").orElse(""), "",
            res.string("name").orElse(""))).build());
      }
      String name = svc.required("name");
      Cursor port = svc.field("port");
      Optional<PortRef> ref = Optional.empty();
      if (port.field("number").isPresent() && port.field("name").isPresent()) {
        port.error("set port.number or port.name, not both");
      } else if (port.field("number").isPresent()) {
        OptionalInt n = port.port("number", true);
        ref = n.isPresent() ? Optional.of(PortRef.number(n.getAsInt())) : Optional.empty();
      } else if (port.field("name").isPresent()) {
        ref = port.field("name").portRef();
      } else {
        port.error("missing port.number or port.name");
      }
      if (name.isEmpty() || ref.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(IngressBackend.service(name, ref.get()));
    }
    String name = c.required("serviceName");
    Optional<PortRef> ref = c.field("servicePort").portRef();
    if (c.field("servicePort").isAbsent()) {
      c.field("servicePort").error("missing servicePort");
    }
    if (name.isEmpty() || ref.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(IngressBackend.service(name, ref.get()));
  }

  private void ingress(Cursor o, String apiVersion, Provenance prov, int before) {
    boolean v1 = !apiVersion.endsWith("v1beta1");
    String ns = namespace(o);
    Ingress.Builder b = Ingress.builder().name(name(o)).namespace(ns).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).provenance(prov);
    creationTimestamp(o).ifPresent(b::creationTimestamp);
    Cursor spec = o.field("spec");
    spec.expectObject();
    spec.nonEmpty("ingressClassName").ifPresent(b::ingressClassName);
    backend(spec.field(v1 ? "defaultBackend" : "backend"), v1).ifPresent(b::defaultBackend);
    for (Cursor r : spec.items("rules")) {
      IngressRule.Builder rb = IngressRule.builder();
      r.nonEmpty("host").ifPresent(rb::host);
      for (Cursor p : r.at("http").items("paths")) {
        IngressPath.Builder pb = IngressPath.builder();
        Optional<String> path = p.nonEmpty("path");
        Optional<PathType> type = p.field("pathType").enumValue(PathType::fromApiName,
            "Exact, Prefix or ImplementationSpecific");
        if (p.field("pathType").isAbsent()) {
          if (v1) {
            p.field("pathType").error("missing pathType (required in networking.k8s.io/v1)");
          } else {
            p.info("no pathType: ImplementationSpecific, the v1beta1 default");
            type = Optional.of(PathType.IMPLEMENTATION_SPECIFIC);
          }
        }
        if (path.isPresent() && !path.get().startsWith("/") && type.isPresent()
            && type.get() != PathType.IMPLEMENTATION_SPECIFIC) {
          p.field("path").error("path '" + path.get() + "' must start with '/' for pathType " + type.get());
        }
        path.ifPresent(pb::path);
        Optional<IngressBackend> be = backend(p.field("backend"), v1);
        if (p.field("backend").isAbsent()) {
          p.field("backend").error("missing backend");
        }
        if (type.isPresent() && be.isPresent()) {
          rb.addPaths(pb.pathType(type.get()).backend(be.get()).build());
        }
      }
      b.addRules(rb.build());
    }
    for (Cursor t : spec.items("tls")) {
      IngressTls.Builder tb = IngressTls.builder().addAllHosts(t.strings("hosts"));
      t.nonEmpty("secretName").ifPresent(tb::secretName);
      b.addTls(tb.build());
    }
    if (ok(before)) {
      out.add("Ingress", ns, b.build(), prov);
    }
  }

  private void ingressClass(Cursor o, Provenance prov, int before) {
    IngressClass.Builder b = IngressClass.builder().name(name(o)).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).provenance(prov);
    b.controller(o.field("spec").required("controller"));
    if (ok(before)) {
      out.add("IngressClass", "", b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- NetworkPolicy

  static Optional<LabelSelector> selector(Cursor c) {
    if (c.isAbsent()) {
      return Optional.empty();
    }
    if (!c.expectObject()) {
      return Optional.empty();
    }
    LabelSelector.Builder b = LabelSelector.builder().putAllMatchLabels(c.stringMap("matchLabels"));
    for (Cursor e : c.items("matchExpressions")) {
      String key = e.required("key");
      Optional<SelectorOperator> op = e.field("operator").enumValue(SelectorOperator::fromApiName,
          "In, NotIn, Exists or DoesNotExist");
      if (e.field("operator").isAbsent()) {
        e.field("operator").error("missing operator");
      }
      List<String> values = e.strings("values");
      if (op.isPresent()) {
        boolean needs = op.get() == SelectorOperator.IN || op.get() == SelectorOperator.NOT_IN;
        if (needs && values.isEmpty()) {
          e.field("values").error("operator " + op.get() + " needs at least one value");
        } else if (!needs && !values.isEmpty()) {
          e.field("values").error("operator " + op.get() + " takes no values");
        } else if (!key.isEmpty()) {
          b.addMatchExpressions(LabelSelectorRequirement.of(key, op.get(), values));
        }
      }
    }
    return Optional.of(b.build());
  }

  private List<NetworkPolicyRule> rules(Cursor list, String peersField) {
    List<NetworkPolicyRule> out = new ArrayList<>();
    for (Cursor r : list.items()) {
      NetworkPolicyRule.Builder rb = NetworkPolicyRule.builder();
      for (Cursor p : r.items(peersField)) {
        int before = ctx.errorCount();
        Optional<LabelSelector> pods = selector(p.field("podSelector"));
        Optional<LabelSelector> nss = selector(p.field("namespaceSelector"));
        Cursor block = p.field("ipBlock");
        Optional<IpBlock> ipBlock = Optional.empty();
        if (block.isPresent()) {
          Optional<IpPrefix> cidr = block.field("cidr").cidr();
          if (block.field("cidr").isAbsent()) {
            block.field("cidr").error("missing cidr");
          }
          List<IpPrefix> except = new ArrayList<>();
          for (Cursor e : block.items("except")) {
            Optional<IpPrefix> x = e.cidr();
            if (x.isPresent() && cidr.isPresent()) {
              IpPrefix c = cidr.get();
              if (x.get().family() != c.family() || x.get().length() < c.length() || !c.contains(x.get().network())) {
                e.error("except " + x.get() + " is not inside cidr " + c);
                continue;
              }
            }
            x.ifPresent(except::add);
          }
          if (cidr.isPresent()) {
            ipBlock = Optional.of(IpBlock.builder().cidr(cidr.get()).addAllExcept(except).build());
          }
        }
        if (block.isPresent() && (pods.isPresent() || nss.isPresent())) {
          p.error("a peer with ipBlock may not also have podSelector or namespaceSelector");
        } else if (block.isAbsent() && pods.isEmpty() && nss.isEmpty()) {
          p.error("a peer needs podSelector, namespaceSelector or ipBlock");
        }
        if (ctx.errorCount() == before) {
          NetworkPolicyPeer.Builder pb = NetworkPolicyPeer.builder();
          pods.ifPresent(pb::podSelector);
          nss.ifPresent(pb::namespaceSelector);
          ipBlock.ifPresent(pb::ipBlock);
          rb.addPeers(pb.build());
        }
      }
      for (Cursor p : r.items("ports")) {
        int before = ctx.errorCount();
        NetworkPolicyPort.Builder pb = NetworkPolicyPort.builder().protocol(p.field("protocol").protocol());
        Optional<PortRef> port = p.field("port").portRef();
        port.ifPresent(pb::port);
        OptionalInt end = p.port("endPort", true);
        if (end.isPresent()) {
          if (port.isEmpty() || port.get().asNumber().isEmpty()) {
            p.field("endPort").error("endPort needs a numeric port");
          } else if (end.getAsInt() < port.get().asNumber().getAsInt()) {
            p.field("endPort").error("endPort " + end.getAsInt() + " is below port " + port.get());
          } else {
            pb.endPort(end.getAsInt());
          }
        }
        if (ctx.errorCount() == before) {
          rb.addPorts(pb.build());
        }
      }
      out.add(rb.build());
    }
    return out;
  }

  private void networkPolicy(Cursor o, Provenance prov, int before) {
    String ns = namespace(o);
    NetworkPolicy.Builder b = NetworkPolicy.builder().name(name(o)).namespace(ns).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).provenance(prov);
    Cursor spec = o.field("spec");
    spec.expectObject();
    Cursor ps = spec.field("podSelector");
    if (ps.isAbsent()) {
      ps.error("missing podSelector ({} selects every pod of the namespace)");
    }
    selector(ps).ifPresent(b::podSelector);
    for (Cursor t : spec.items("policyTypes")) {
      t.enumValue(PolicyType::fromApiName, "Ingress or Egress").ifPresent(b::addDeclaredPolicyTypes);
    }
    b.addAllIngress(rules(spec.field("ingress"), "from"));
    b.addAllEgress(rules(spec.field("egress"), "to"));
    if (ok(before)) {
      NetworkPolicy p = b.build();
      if (p.declaredPolicyTypes().isEmpty()) {
        spec.info("no policyTypes: " + p.policyTypes() + " (the API default)");
      }
      if (!p.policyTypes().contains(PolicyType.EGRESS) && !p.egress().isEmpty()) {
        spec.field("egress").warn("egress rules are ignored: policyTypes " + p.policyTypes()
            + " does not include Egress");
      }
      out.add("NetworkPolicy", ns, p, prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- others

  private void namespace(Cursor o, Provenance prov, int before) {
    Namespace.Builder b = Namespace.builder().name(name(o)).putAllLabels(labels(o)).provenance(prov);
    if (ok(before)) {
      out.add("Namespace", "", b.build(), prov);
    }
  }

  private void configMap(Cursor o, Provenance prov, int before) {
    String ns = namespace(o);
    ConfigMap.Builder b = ConfigMap.builder().name(name(o)).namespace(ns).putAllLabels(labels(o))
        .putAllData(o.stringMap("data")).provenance(prov);
    if (ok(before)) {
      out.add("ConfigMap", ns, b.build(), prov);
    }
  }

  private void workload(Cursor o, WorkloadKind kind, Provenance prov, int before) {
    String ns = namespace(o);
    Workload.Builder b = Workload.builder().kind(kind).name(name(o)).namespace(ns).putAllLabels(labels(o))
        .provenance(prov);
    Cursor spec = o.field("spec");
    spec.expectObject();
    OptionalInt replicas = spec.integer("replicas");
    if (replicas.isPresent()) {
      b.replicas(replicas.getAsInt());
    }
    selector(spec.field("selector")).ifPresent(b::selector);
    Cursor t = spec.field("template");
    PodTemplate.Builder tb = PodTemplate.builder().putAllLabels(t.at("metadata").stringMap("labels"))
        .putAllAnnotations(t.at("metadata").stringMap("annotations"));
    Cursor ts = t.field("spec");
    tb.addAllContainers(containers(ts.field("containers")));
    tb.hostNetwork(ts.bool("hostNetwork", false));
    tb.putAllNodeSelector(ts.stringMap("nodeSelector"));
    b.template(tb.build());
    if (ok(before)) {
      out.add(kind.kind(), ns, b.build(), prov);
    }
  }
}
