package io.github.aksreach.k8s.load;

import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.HealthCheckPolicy;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PodPhase;
import io.github.aksreach.k8s.model.PodTemplate;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.Taint;
import io.github.aksreach.k8s.model.TaintEffect;
import io.github.aksreach.k8s.model.Workload;
import io.github.aksreach.k8s.model.WorkloadKind;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.nsg.model.Provenance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
      "StatefulSet", "ReplicaSet", "Gateway", "HTTPRoute", "GRPCRoute", "ReferenceGrant", "AuthorizationPolicy",
      "ApplicationLoadBalancer", "HealthCheckPolicy");

  /** At most this many host addresses are kept in {@link #hostIps} (and node names in {@link #nodeNames}). */
  private static final int MAX_HOST_IPS = 1 << 16;
  private final ReadContext ctx;
  private final ClusterAccumulator out;
  /**
   * The valid host addresses read so far, by their text: the pods of a node share its address, parsed once (a text
   * that does not parse is parsed again at each pod, whose error then names it).
   */
  private final Map<String, IpAddress> hostIps = new HashMap<>();
  /** The node names pods name, one string each (a node's pods name it alike), at most {@link #MAX_HOST_IPS}. */
  private final Map<String, String> nodeNames = new HashMap<>();

  ObjectReader(ReadContext ctx, ClusterAccumulator out) {
    this.ctx = ctx;
    this.out = out;
  }

  /** The one string kept for node name {@code name}. */
  private String nodeName(String name) {
    String known = nodeNames.get(name);
    if (known != null) {
      return known;
    }
    if (nodeNames.size() < MAX_HOST_IPS) {
      nodeNames.put(name, name);
    }
    return name;
  }

  /** Reads a document: one object or a {@code List}/{@code *List} of them. */
  void readDocument(Cursor doc) {
    if (!doc.isObject()) {
      doc.error("expected a Kubernetes object (a mapping with 'kind'), found " + doc.describe());
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

  /**
   * Reads one item of a {@code List} ({@code items[i]}); {@code itemKind} is the kind a {@code *List} gives items
   * without their own ({@code PodList}: Pod).
   */
  void readListItem(Cursor item, Optional<String> itemKind) {
    if (!item.isObject()) {
      item.error("expected a Kubernetes object, found " + (item.isMissing() ? "nothing" : item.describe()));
      return;
    }
    readObject(item, itemKind);
  }

  /** The kind a List of this kind gives its items without one: none for {@code List}, Pod for {@code PodList}. */
  static Optional<String> itemKind(String listKind) {
    return listKind.equals("List") ? Optional.empty()
        : Optional.of(listKind.substring(0, listKind.length() - "List".length()));
  }

  private void readObject(Cursor o, Optional<String> kindFromList) {
    Optional<String> kindText = o.string("kind").filter(k -> !k.isEmpty());
    String kind = kindText.or(() -> kindFromList).orElse("");
    if (kind.isEmpty()) {
      o.error("not a Kubernetes object: no 'kind'");
      return;
    }
    if (o.field("items").isPresent() && (kind.equals("List") || kind.endsWith("List"))) {
      Optional<String> itemKind = itemKind(kind);
      for (Cursor item : o.items("items")) {
        readListItem(item, itemKind);
      }
      return;
    }
    // every error from here on drops this object (and, with --skip-invalid, only this object)
    int before = ctx.errorCount();
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
    Provenance prov = o.provenance();
    try {
      switch (kind) {
        case "Node":
          node(o, prov, before);
          break;
        case "Pod":
          pod(o, prov, before);
          break;
        case "Service":
          new ServiceReader(ctx, out).service(o, prov, before);
          break;
        case "EndpointSlice":
          new ServiceReader(ctx, out).endpointSlice(o, prov, before);
          break;
        case "Endpoints":
          new ServiceReader(ctx, out).endpoints(o, prov, before);
          break;
        case "Ingress":
          new IngressReader(ctx, out).ingress(o, apiVersion, prov, before);
          break;
        case "IngressClass":
          new IngressReader(ctx, out).ingressClass(o, prov, before);
          break;
        case "NetworkPolicy":
          new NetworkPolicyReader(ctx, out).networkPolicy(o, prov, before);
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
        case AlbReader.HEALTH_CHECK_POLICY:
          if (!new AlbReader(out).read(o, kind, apiVersion, prov, before)) {
            ctx.subject = "";
            ctx.info(o.path(), "skipped " + kind + (name.isEmpty() ? "" : " " + ns + "/" + name) + ": aksreach "
                + "reads the HealthCheckPolicy of Application Gateway for Containers (" + HealthCheckPolicy.API_VERSION
                + "), not " + apiVersion);
          }
          break;
        case AlbReader.KIND:
          if (!new AlbReader(out).read(o, kind, apiVersion, prov, before)) {
            ctx.subject = "";
            ctx.info(o.path(), "skipped " + kind + " " + apiVersion + (name.isEmpty() ? "" : " " + ns + "/" + name)
                + ": not Application Gateway for Containers' alb.networking.azure.io kind");
          }
          break;
        default:
          ctx.subject = "";
          Optional<String> unmodelled = AlbReader.notModelled(kind, apiVersion);
          if (unmodelled.isPresent()) {
            ctx.warn(o.path(), "skipped " + kind + (name.isEmpty() ? "" : " " + ns + "/" + name) + ": "
                + unmodelled.get());
          } else {
            ctx.info(o.path(), "skipped " + kind + (name.isEmpty() ? "" : " " + (ns.isEmpty() ? name : ns + "/"
                + name)) + ": aksreach does not use this kind");
          }
          ctx.dropped(before, "", o.path());
          return;
      }
    } catch (InvalidModelException e) {
      // a structural invariant the checks above missed: still an input error, never a crash
      o.error(e.getMessage());
    }
    ctx.dropped(before, ctx.subject, o.path());
    ctx.subject = "";
  }

  /**
   * {@code status.addresses}: every entry a mapping with a type and an address; one Hostname; no entry twice. Returns
   * whether an InternalIP was read. A Hostname equal to the node's {@code name} is that string, not a copy.
   */
  private boolean nodeAddresses(Cursor status, Node.Builder b, String name) {
    boolean internal = false;
    Map<String, Cursor> seen = new HashMap<>();   // their paths are written only for a message
    Cursor hostname = null;
    for (Cursor a : status.items("addresses")) {
      if (a.isAbsent() || !a.isObject()) {
        a.error("expected a mapping with type and address, found " + (a.isAbsent() ? "null" : a.describe()));
        continue;
      }
      Optional<String> type = a.nonEmpty("type");
      Optional<String> address = a.nonEmpty("address");
      if (type.isEmpty() || address.isEmpty()) {
        a.field(type.isEmpty() ? "type" : "address").error("missing " + (type.isEmpty() ? "type (InternalIP,"
            + " ExternalIP, Hostname, InternalDNS or ExternalDNS)" : "address"));
        continue;
      }
      Cursor first = seen.putIfAbsent(type.get() + " " + address.get(), a);
      if (first != null) {
        a.error(type.get() + " '" + address.get() + "' is listed twice: also at " + first.path());
        continue;
      }
      switch (type.get()) {
        case "InternalIP":
          internal = true;
          Optional<IpAddress> in = a.field("address").ip();
          if (in.isPresent()) {
            b.addInternalIps(in.get());
          }
          break;
        case "ExternalIP":
          Optional<IpAddress> ex = a.field("address").ip();
          if (ex.isPresent()) {
            b.addExternalIps(ex.get());
          }
          break;
        case "Hostname":
          if (hostname != null) {
            a.error("a second Hostname address '" + address.get() + "': the node already has Hostname '"
                + hostname.nonEmpty("address").orElse("") + "' at " + hostname.path() + " (keep one)");
          } else {
            hostname = a;
            b.hostname(address.get().equals(name) ? name : address.get());
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
    String name = name(o);
    Node.Builder b = Node.builder().name(name).putAllLabels(labels(o)).putAllAnnotations(annotations(o))
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
      Optional<String> providerId = spec.nonEmpty("providerID");
      if (providerId.isPresent()) {
        b.providerId(providerId.get());
      }
    }
    Cursor status = o.field("status");
    status.expectObject();
    boolean internal = nodeAddresses(status, b, name);
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
    Optional<String> kubelet = status.at("nodeInfo").nonEmpty("kubeletVersion");
    if (kubelet.isPresent()) {
      b.kubeletVersion(kubelet.get());
    }
    if (ok(before)) {
      out.add("Node", "", b.build(), prov);
    }
  }

  // ---------------------------------------------------------------------------------------------- Pod

  private void pod(Cursor o, Provenance prov, int before) {
    Pod.Builder b = Pod.builder().name(name(o)).namespace(namespace(o)).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).terminating(deleting(o)).provenance(prov);
    String ns = o.at("metadata").nonEmpty("namespace").orElse("default");
    for (Cursor r : o.at("metadata").items("ownerReferences")) {
      b.addOwners(ObjectRef.of(r.string("kind").orElse(""), ns, r.string("name").orElse("")));
    }
    Cursor spec = o.field("spec");
    spec.expectObject();
    Optional<String> nodeName = spec.nonEmpty("nodeName");
    if (nodeName.isPresent()) {
      b.nodeName(nodeName(nodeName.get()));
    }
    b.hostNetwork(spec.bool("hostNetwork", false));
    b.addAllContainers(ContainerReader.containers(spec.field("containers")));
    b.putAllNodeSelector(spec.stringMap("nodeSelector"));
    Cursor status = o.field("status");
    status.expectObject();
    List<Cursor> ips = status.items("podIPs");
    if (!ips.isEmpty()) {
      for (Cursor ip : ips) {
        addPodIp(ip.field("ip").ip(), b);
      }
    } else if (status.nonEmpty("podIP").isPresent()) {
      addPodIp(status.field("podIP").ip(), b);
    }
    hostIp(status.field("hostIP"), b);
    Optional<PodPhase> phase = status.field("phase").enumValue(PodPhase::fromApiName,
        "Pending, Running, Succeeded, Failed or Unknown");
    if (status.field("phase").isAbsent()) {
      status.info("no status.phase: the pod is treated as Pending");
      b.phase(PodPhase.PENDING);
    } else if (phase.isPresent()) {
      b.phase(phase.get());
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

  /**
   * Adds a pod address, if read. Plain code, no capturing lambda ({@code ifPresent(b::addPodIps)}), where each pod
   * passes: under the launcher's C1 compiler a capturing lambda is made through a method handle and the runtime's
   * allocateInstance (about 4 % of a 50,000-node check's CPU went there).
   */
  private static void addPodIp(Optional<IpAddress> ip, Pod.Builder b) {
    if (ip.isPresent()) {
      b.addPodIps(ip.get());
    }
  }

  /** {@code status.hostIP}: the node's address, parsed once per text (see {@link #hostIps}). */
  private void hostIp(Cursor hostIp, Pod.Builder b) {
    Optional<String> text = hostIp.text();
    if (text.isEmpty() || text.get().isEmpty()) {
      return;
    }
    IpAddress known = hostIps.get(text.get());
    if (known != null) {
      b.hostIp(known);
      return;
    }
    Optional<IpAddress> a = hostIp.ip();
    if (a.isPresent()) {
      if (hostIps.size() < MAX_HOST_IPS) {
        hostIps.put(text.get(), a.get());
      }
      b.hostIp(a.get());
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
    NetworkPolicyReader.selector(spec.field("selector")).ifPresent(b::selector);
    Cursor t = spec.field("template");
    PodTemplate.Builder tb = PodTemplate.builder().putAllLabels(t.at("metadata").stringMap("labels"))
        .putAllAnnotations(t.at("metadata").stringMap("annotations"));
    Cursor ts = t.field("spec");
    tb.addAllContainers(ContainerReader.containers(ts.field("containers")));
    tb.hostNetwork(ts.bool("hostNetwork", false));
    tb.putAllNodeSelector(ts.stringMap("nodeSelector"));
    b.template(tb.build());
    if (ok(before)) {
      out.add(kind.kind(), ns, b.build(), prov);
    }
  }
}
