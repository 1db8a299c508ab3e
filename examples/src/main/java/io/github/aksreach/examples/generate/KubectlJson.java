package io.github.aksreach.examples.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
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
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.SliceEndpoint;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes Kubernetes model objects as {@code kubectl get ... -o json} prints them (one object of a {@code kind: List}),
 * with the fields the readers read and the ones kubectl always prints beside them. What the model holds is written
 * whole; an object using a feature this writer does not write (taints, Ingress TLS, a default backend, a resource
 * backend) is refused with {@link IllegalArgumentException} rather than written without it.
 */
final class KubectlJson {
  private static final String CREATED = "2026-11-01T10:00:00Z";
  private final JsonGenerator g;

  KubectlJson(JsonGenerator g) {
    this.g = g;
  }

  /** Opens {@code {"apiVersion": "v1", "items": [}. */
  void startList() throws IOException {
    g.writeStartObject();
    g.writeStringField("apiVersion", "v1");
    g.writeArrayFieldStart("items");
  }

  /** Closes the list opened by {@link #startList()}. */
  void endList() throws IOException {
    g.writeEndArray();
    g.writeStringField("kind", "List");
    g.writeObjectFieldStart("metadata");
    g.writeStringField("resourceVersion", "");
    g.writeEndObject();
    g.writeEndObject();
  }

  void namespace(Namespace n) throws IOException {
    head("v1", "Namespace");
    meta(n.name(), "", n.labels(), Map.of());
    g.writeObjectFieldStart("spec");
    g.writeArrayFieldStart("finalizers");
    g.writeString("kubernetes");
    g.writeEndArray();
    g.writeEndObject();
    g.writeObjectFieldStart("status");
    g.writeStringField("phase", "Active");
    g.writeEndObject();
    g.writeEndObject();
  }

  void node(Node n) throws IOException {
    refuse(!n.taints().isEmpty(), "node " + n.name() + ": taints are not written");
    head("v1", "Node");
    meta(n.name(), "", n.labels(), n.annotations());
    g.writeObjectFieldStart("spec");
    if (!n.podCidrs().isEmpty()) {
      g.writeStringField("podCIDR", n.podCidrs().get(0).toString());
      g.writeArrayFieldStart("podCIDRs");
      for (IpPrefix p : n.podCidrs()) {
        g.writeString(p.toString());
      }
      g.writeEndArray();
    }
    if (n.providerId().isPresent()) {
      g.writeStringField("providerID", n.providerId().get());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("status");
    g.writeArrayFieldStart("addresses");
    if (n.hostname().isPresent()) {
      address("Hostname", n.hostname().get());
    }
    for (IpAddress a : n.internalIps()) {
      address("InternalIP", a.toString());
    }
    for (IpAddress a : n.externalIps()) {
      address("ExternalIP", a.toString());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("conditions");
    for (Map.Entry<String, String> c : n.conditions().entrySet()) {
      g.writeStartObject();
      g.writeStringField("lastHeartbeatTime", CREATED);
      g.writeStringField("lastTransitionTime", CREATED);
      g.writeStringField("status", c.getValue());
      g.writeStringField("type", c.getKey());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("nodeInfo");
    g.writeStringField("architecture", "amd64");
    g.writeStringField("containerRuntimeVersion", "containerd://1.7.15-1");
    if (n.kubeletVersion().isPresent()) {
      g.writeStringField("kubeProxyVersion", n.kubeletVersion().get());
      g.writeStringField("kubeletVersion", n.kubeletVersion().get());
    }
    g.writeStringField("operatingSystem", "linux");
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private void address(String type, String address) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", address);
    g.writeStringField("type", type);
    g.writeEndObject();
  }

  void pod(Pod p) throws IOException {
    head("v1", "Pod");
    g.writeObjectFieldStart("metadata");
    g.writeStringField("creationTimestamp", CREATED);
    map("labels", p.labels());
    map("annotations", p.annotations());
    g.writeStringField("name", p.name());
    g.writeStringField("namespace", p.namespace());
    if (!p.owners().isEmpty()) {
      g.writeArrayFieldStart("ownerReferences");
      for (ObjectRef o : p.owners()) {
        refuse(!o.namespace().equals(p.namespace()), "pod " + p.key() + ": an owner in another namespace");
        g.writeStartObject();
        g.writeStringField("apiVersion", o.kind().equals("DaemonSet") || o.kind().equals("ReplicaSet")
            ? "apps/v1" : "v1");
        g.writeBooleanField("blockOwnerDeletion", true);
        g.writeBooleanField("controller", true);
        g.writeStringField("kind", o.kind());
        g.writeStringField("name", o.name());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("spec");
    g.writeArrayFieldStart("containers");
    for (Container c : p.containers()) {
      container(c);
    }
    g.writeEndArray();
    g.writeStringField("dnsPolicy", p.hostNetwork() ? "ClusterFirstWithHostNet" : "ClusterFirst");
    if (p.hostNetwork()) {
      g.writeBooleanField("hostNetwork", true);
    }
    if (p.nodeName().isPresent()) {
      g.writeStringField("nodeName", p.nodeName().get());
    }
    map("nodeSelector", p.nodeSelector());
    g.writeStringField("restartPolicy", "Always");
    g.writeEndObject();
    g.writeObjectFieldStart("status");
    g.writeArrayFieldStart("conditions");
    g.writeStartObject();
    g.writeNullField("lastProbeTime");
    g.writeStringField("lastTransitionTime", CREATED);
    g.writeStringField("status", p.ready() ? "True" : "False");
    g.writeStringField("type", "Ready");
    g.writeEndObject();
    g.writeEndArray();
    if (p.hostIp().isPresent()) {
      g.writeStringField("hostIP", p.hostIp().get().toString());
    }
    g.writeStringField("phase", p.phase().apiName());
    if (!p.podIps().isEmpty()) {
      g.writeStringField("podIP", p.podIps().get(0).toString());
      g.writeArrayFieldStart("podIPs");
      for (IpAddress a : p.podIps()) {
        g.writeStartObject();
        g.writeStringField("ip", a.toString());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeStringField("qosClass", "BestEffort");
    g.writeStringField("startTime", CREATED);
    g.writeEndObject();
    g.writeEndObject();
  }

  private void container(Container c) throws IOException {
    g.writeStartObject();
    strings("args", c.args());
    strings("command", c.command());
    if (c.image().isPresent()) {
      g.writeStringField("image", c.image().get());
    }
    g.writeStringField("imagePullPolicy", "IfNotPresent");
    g.writeStringField("name", c.name());
    if (!c.ports().isEmpty()) {
      g.writeArrayFieldStart("ports");
      for (ContainerPort cp : c.ports()) {
        g.writeStartObject();
        g.writeNumberField("containerPort", cp.containerPort());
        if (cp.hostPort().isPresent()) {
          g.writeNumberField("hostPort", cp.hostPort().getAsInt());
        }
        if (cp.name().isPresent()) {
          g.writeStringField("name", cp.name().get());
        }
        g.writeStringField("protocol", cp.protocol().toString().toUpperCase(Locale.ROOT));
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  void service(Service s) throws IOException {
    refuse(!s.unmaskedLoadBalancerSourceRanges().isEmpty() || s.externalName().isPresent()
        || s.loadBalancerClass().isPresent(), "service " + s.key() + ": a field this writer does not write");
    head("v1", "Service");
    g.writeObjectFieldStart("metadata");
    map("annotations", s.annotations());
    g.writeStringField("creationTimestamp", CREATED);
    map("labels", s.labels());
    g.writeStringField("name", s.name());
    g.writeStringField("namespace", s.namespace());
    if (s.uid().isPresent()) {
      g.writeStringField("uid", s.uid().get());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("spec");
    if (s.allocateLoadBalancerNodePorts().isPresent()) {
      g.writeBooleanField("allocateLoadBalancerNodePorts", s.allocateLoadBalancerNodePorts().get());
    }
    if (!s.clusterIps().isEmpty()) {
      g.writeStringField("clusterIP", s.clusterIps().get(0).toString());
      g.writeArrayFieldStart("clusterIPs");
      for (IpAddress a : s.clusterIps()) {
        g.writeString(a.toString());
      }
      g.writeEndArray();
    } else if (s.headless()) {
      g.writeStringField("clusterIP", "None");
    }
    if (!s.externalIps().isEmpty()) {
      g.writeArrayFieldStart("externalIPs");
      for (IpAddress a : s.externalIps()) {
        g.writeString(a.toString());
      }
      g.writeEndArray();
    }
    if (s.type() == ServiceType.LOAD_BALANCER || s.type() == ServiceType.NODE_PORT) {
      g.writeStringField("externalTrafficPolicy", s.externalTrafficPolicy().apiName());
    } else {
      refuse(s.externalTrafficPolicy() != TrafficPolicy.CLUSTER, "service " + s.key()
          + ": externalTrafficPolicy on a " + s.type());
    }
    if (s.healthCheckNodePort().isPresent()) {
      g.writeNumberField("healthCheckNodePort", s.healthCheckNodePort().getAsInt());
    }
    g.writeStringField("internalTrafficPolicy", s.internalTrafficPolicy().apiName());
    if (!s.ipFamilies().isEmpty()) {
      g.writeArrayFieldStart("ipFamilies");
      for (var f : s.ipFamilies()) {
        g.writeString(f == io.github.aksreach.core.model.IpFamily.V4 ? "IPv4" : "IPv6");
      }
      g.writeEndArray();
    }
    if (s.loadBalancerIp().isPresent()) {
      g.writeStringField("loadBalancerIP", s.loadBalancerIp().get().toString());
    }
    if (!s.loadBalancerSourceRanges().isEmpty()) {
      g.writeArrayFieldStart("loadBalancerSourceRanges");
      for (IpPrefix p : s.loadBalancerSourceRanges()) {
        g.writeString(p.toString());
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("ports");
    for (ServicePort p : s.ports()) {
      g.writeStartObject();
      if (p.appProtocol().isPresent()) {
        g.writeStringField("appProtocol", p.appProtocol().get());
      }
      if (p.name().isPresent()) {
        g.writeStringField("name", p.name().get());
      }
      if (p.nodePort().isPresent()) {
        g.writeNumberField("nodePort", p.nodePort().getAsInt());
      }
      g.writeNumberField("port", p.port());
      g.writeStringField("protocol", p.protocol().toString().toUpperCase(Locale.ROOT));
      portRef("targetPort", p.targetPort());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (s.publishNotReadyAddresses()) {
      g.writeBooleanField("publishNotReadyAddresses", true);
    }
    map("selector", s.selector());
    g.writeStringField("sessionAffinity", s.sessionAffinity().apiName());
    if (s.sessionAffinity() != io.github.aksreach.k8s.model.SessionAffinity.NONE) {
      g.writeObjectFieldStart("sessionAffinityConfig");
      g.writeObjectFieldStart("clientIP");
      g.writeNumberField("timeoutSeconds", s.sessionAffinityTimeoutSeconds());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeStringField("type", s.type().apiName());
    g.writeEndObject();
    g.writeObjectFieldStart("status");
    g.writeObjectFieldStart("loadBalancer");
    if (!s.loadBalancerIngressIps().isEmpty()) {
      g.writeArrayFieldStart("ingress");
      for (IpAddress a : s.loadBalancerIngressIps()) {
        g.writeStartObject();
        g.writeStringField("ip", a.toString());
        g.writeStringField("ipMode", "VIP");
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  void endpointSlice(EndpointSlice s) throws IOException {
    refuse(s.fromLegacyEndpoints(), "endpoint slice " + s.key() + ": made from legacy Endpoints");
    head("discovery.k8s.io/v1", "EndpointSlice");
    g.writeStringField("addressType", s.addressType().apiName());
    g.writeArrayFieldStart("endpoints");
    for (SliceEndpoint e : s.endpoints()) {
      g.writeStartObject();
      g.writeArrayFieldStart("addresses");
      for (IpAddress a : e.addresses()) {
        g.writeString(a.toString());
      }
      g.writeEndArray();
      g.writeObjectFieldStart("conditions");
      g.writeBooleanField("ready", e.ready());
      g.writeBooleanField("serving", e.serving());
      g.writeBooleanField("terminating", e.terminating());
      g.writeEndObject();
      if (e.hostname().isPresent()) {
        g.writeStringField("hostname", e.hostname().get());
      }
      if (e.nodeName().isPresent()) {
        g.writeStringField("nodeName", e.nodeName().get());
      }
      if (e.targetRef().isPresent()) {
        ObjectRef r = e.targetRef().get();
        g.writeObjectFieldStart("targetRef");
        g.writeStringField("kind", r.kind());
        g.writeStringField("name", r.name());
        g.writeStringField("namespace", r.namespace());
        g.writeEndObject();
      }
      if (e.zone().isPresent()) {
        g.writeStringField("zone", e.zone().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    meta(s.name(), s.namespace(), s.labels(), Map.of());
    g.writeArrayFieldStart("ports");
    for (EndpointPort p : s.ports()) {
      g.writeStartObject();
      if (p.appProtocol().isPresent()) {
        g.writeStringField("appProtocol", p.appProtocol().get());
      }
      if (p.name().isPresent()) {
        g.writeStringField("name", p.name().get());
      }
      if (p.port().isPresent()) {
        g.writeNumberField("port", p.port().getAsInt());
      }
      g.writeStringField("protocol", p.protocol().toString().toUpperCase(Locale.ROOT));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  void ingress(Ingress i) throws IOException {
    refuse(!i.tls().isEmpty() || i.defaultBackend().isPresent(), "ingress " + i.key()
        + ": TLS and default backends are not written");
    head("networking.k8s.io/v1", "Ingress");
    g.writeObjectFieldStart("metadata");
    map("annotations", i.annotations());
    g.writeStringField("creationTimestamp", i.creationTimestamp().map(Object::toString).orElse(CREATED));
    map("labels", i.labels());
    g.writeStringField("name", i.name());
    g.writeStringField("namespace", i.namespace());
    g.writeEndObject();
    g.writeObjectFieldStart("spec");
    if (i.ingressClassName().isPresent()) {
      g.writeStringField("ingressClassName", i.ingressClassName().get());
    }
    g.writeArrayFieldStart("rules");
    for (IngressRule r : i.rules()) {
      g.writeStartObject();
      if (r.host().isPresent()) {
        g.writeStringField("host", r.host().get());
      }
      g.writeObjectFieldStart("http");
      g.writeArrayFieldStart("paths");
      for (IngressPath p : r.paths()) {
        g.writeStartObject();
        g.writeObjectFieldStart("backend");
        backend(i, p.backend());
        g.writeEndObject();
        g.writeStringField("path", p.path());
        g.writeStringField("pathType", p.pathType().apiName());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeObjectFieldStart("status");
    g.writeObjectFieldStart("loadBalancer");
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private void backend(Ingress i, IngressBackend b) throws IOException {
    refuse(b.resource().isPresent() || b.serviceName().isEmpty() || b.servicePort().isEmpty(),
        "ingress " + i.key() + ": only Service backends with a port are written");
    g.writeObjectFieldStart("service");
    g.writeStringField("name", b.serviceName().get());
    g.writeObjectFieldStart("port");
    PortRef port = b.servicePort().get();
    if (port.asNumber().isPresent()) {
      g.writeNumberField("number", port.asNumber().getAsInt());
    } else {
      g.writeStringField("name", port.asName().orElseThrow());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  void ingressClass(IngressClass c) throws IOException {
    head("networking.k8s.io/v1", "IngressClass");
    meta(c.name(), "", c.labels(), c.annotations());
    g.writeObjectFieldStart("spec");
    g.writeStringField("controller", c.controller());
    g.writeEndObject();
    g.writeEndObject();
  }

  void configMap(ConfigMap c) throws IOException {
    head("v1", "ConfigMap");
    map("data", c.data());
    meta(c.name(), c.namespace(), c.labels(), Map.of());
    g.writeEndObject();
  }

  // ------------------------------------------------------------------------------------------------ parts

  private void head(String apiVersion, String kind) throws IOException {
    g.writeStartObject();
    g.writeStringField("apiVersion", apiVersion);
    g.writeStringField("kind", kind);
  }

  private void meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations)
      throws IOException {
    g.writeObjectFieldStart("metadata");
    map("annotations", annotations);
    g.writeStringField("creationTimestamp", CREATED);
    map("labels", labels);
    g.writeStringField("name", name);
    if (!namespace.isEmpty()) {
      g.writeStringField("namespace", namespace);
    }
    g.writeStringField("uid", uid(namespace + "/" + name));
    g.writeEndObject();
  }

  private void portRef(String field, PortRef p) throws IOException {
    if (p.asNumber().isPresent()) {
      g.writeNumberField(field, p.asNumber().getAsInt());
    } else {
      g.writeStringField(field, p.asName().orElseThrow());
    }
  }

  private void map(String field, Map<String, String> m) throws IOException {
    if (m.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : m.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private void strings(String field, List<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** A stable UUID-shaped uid from the object's key (the readers keep uids of Services only). */
  static String uid(String key) {
    long h = key.hashCode() & 0xFFFF_FFFFL;
    long l = (long) key.length() * 0x9E37_79B9L;
    return String.format(Locale.ROOT, "%08x-%04x-4%03x-8%03x-%012x", h, (l >>> 16) & 0xFFFF, l & 0xFFF,
        (h >>> 4) & 0xFFF, (h * 31 + l) & 0xFFFF_FFFF_FFFFL);
  }

  static void refuse(boolean unsupported, String what) {
    if (unsupported) {
      throw new IllegalArgumentException(what);
    }
  }
}
