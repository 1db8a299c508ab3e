package io.github.aksreach.k8s.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.GatewayClass;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Istio's deployment controller generates for a Gateway of an Istio class (DOMAIN-GATEWAY 4.2), as model
 * values: the Service {@code <gateway>-<class>} in the Gateway's namespace (status port 15021 first, one port per
 * listener port, {@code targetPort = port}, annotations from {@code spec.infrastructure} or the Gateway's own, the
 * health-probe annotations AKS adds, ETP Cluster unless an overlay sets Local, the allow-listed overlay fields) and
 * the labels and annotations of its pods; and {@link #resolve} which lets a dumped Service and pods win.
 *
 * <pre>{@code
 * IstioDataPlane.isIstio(gateway, cluster);                     // true for istio / approuting-istio
 * Service svc = IstioDataPlane.derive(gateway, cluster, GatewayOptions.defaults()).get().service();
 * svc.ports().get(0);   // status-port:15021/TCP->15021
 * svc.annotations();    // {service.beta.kubernetes.io/port_80_health-probe_port=15021, ...}
 * }</pre>
 */
public final class IstioDataPlane {
  /** The Istio GatewayClasses AKS provisions (A4.1). */
  public static final Set<String> AKS_CLASSES = Set.of("istio", "approuting-istio");
  /** The app routing add-on's class, which supports no Istio CRDs (A4.28). */
  public static final String APP_ROUTING_CLASS = "approuting-istio";
  public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
  public static final String STATUS_PORT_NAME = "status-port";
  public static final int STATUS_PORT = 15021;
  private static final String NAME_OVERRIDE = "gateway.istio.io/name-override";
  private static final String SERVICE_TYPE = "networking.istio.io/service-type";
  private static final String DEFAULTS_FOR_CLASS = "gateway.istio.io/defaults-for-class";
  private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
      NAME_OVERRIDE, "gateway.istio.io/service-account", "gateway.istio.io/controller-version");
  private static final Set<String> SERVICE_OVERLAY_FIELDS = Set.of("type", "loadBalancerSourceRanges",
      "loadBalancerClass", "externalTrafficPolicy", "internalTrafficPolicy", "healthCheckNodePort");
  private static final YAMLMapper YAML = new YAMLMapper();

  private IstioDataPlane() {}

  /** Whether Istio implements the Gateway's class (an AKS Istio class, or a GatewayClass with Istio's controller). */
  public static boolean isIstio(Gateway g, KubernetesCluster c) {
    return AKS_CLASSES.contains(g.gatewayClassName())
        || c.gatewayClass(g.gatewayClassName()).map(GatewayClass::isIstio).orElse(false);
  }

  /** {@code <gateway>-<class>}, or the {@code gateway.istio.io/name-override} annotation (A4.3). */
  public static String serviceName(Gateway g) {
    return Optional.ofNullable(g.annotations().get(NAME_OVERRIDE)).filter(s -> !s.isEmpty())
        .orElse(g.name() + "-" + g.gatewayClassName());
  }

  /** A4.4: Istio generates resources unless the Gateway names one Hostname address or several addresses. */
  public static boolean managed(Gateway g) {
    return g.addresses().isEmpty() || (g.addresses().size() == 1 && g.addresses().get(0).type().equals("IPAddress"));
  }

  /** The derived Service and pod metadata, or errors naming an overlay ConfigMap that cannot be read. */
  public static Validated<GatewayDataPlane> derive(Gateway g, KubernetesCluster c,
      GatewayOptions o) {
    return Validated.of(deriveResult(g, c, o));
  }

  private static Validation<Seq<ModelError>, GatewayDataPlane> deriveResult(Gateway g, KubernetesCluster c,
      GatewayOptions o) {
    List<String> notes = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    boolean infraLabels = g.infrastructure().map(i -> !i.labels().isEmpty()).orElse(false);
    boolean infraAnnotations = g.infrastructure().map(i -> !i.annotations().isEmpty()).orElse(false);
    Map<String, String> labels = propagated(infraLabels ? g.infrastructure().get().labels()
        : o.copyGatewayMetadata() ? g.labels() : Map.of(), infraLabels);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (AKS_CLASSES.contains(g.gatewayClassName())) {
      for (int p : g.listenerPorts()) {
        if (o.healthProbeListenerPorts().contains(p)) {
          String prefix = "service.beta.kubernetes.io/port_" + p + "_health-probe_";
          annotations.put(prefix + "port", o.healthProbePort());
          annotations.put(prefix + "protocol", o.healthProbeProtocol());
          annotations.put(prefix + "request-path", o.healthProbeRequestPath());
        }
      }
    }
    Map<String, String> copied = propagated(infraAnnotations ? g.infrastructure().get().annotations()
        : o.copyGatewayMetadata() ? g.annotations() : Map.of(), infraAnnotations);
    if (o.restrictInfrastructureAnnotations()) {
      copied.keySet().removeIf(k -> !k.startsWith("service.beta.kubernetes.io/"));
    }
    annotations.putAll(copied);
    Map<String, String> podLabels = new LinkedHashMap<>(labels);
    podLabels.put(GATEWAY_NAME_LABEL, g.name());
    podLabels.put("gateway.networking.k8s.io/gateway-class-name", g.gatewayClassName());
    podLabels.put("gateway.istio.io/managed", "istio.io-gateway-controller");
    podLabels.put("sidecar.istio.io/inject", "false");
    Map<String, String> podAnnotations = new LinkedHashMap<>(copied);
    Service.Builder svc = Service.builder().namespace(g.namespace()).name(serviceName(g))
        .putSelector(GATEWAY_NAME_LABEL, g.name())
        .type(Optional.ofNullable(g.annotations().get(SERVICE_TYPE)).flatMap(ServiceType::fromApiName)
            .orElse(ServiceType.LOAD_BALANCER))
        .externalTrafficPolicy(o.defaultExternalTrafficPolicy())
        .addPorts(ServicePort.builder().name(STATUS_PORT_NAME).port(STATUS_PORT).appProtocol("tcp").build());
    if (g.addresses().size() == 1 && g.addresses().get(0).type().equals("IPAddress")) {
      IpAddress.parse(g.addresses().get(0).value()).forEach(svc::loadBalancerIp);
    }
    // status.addresses: the load-balancer address Istio copied from the Service it generated (A4.12)
    for (String a : g.statusAddresses()) {
      IpAddress.parse(a).forEach(svc::addLoadBalancerIngressIps);
    }
    Set<String> names = new HashSet<>(Set.of(STATUS_PORT_NAME));
    Set<Integer> ports = new HashSet<>();
    for (Gateway.Listener l : g.listeners()) {
      if (!ports.add(l.port())) {
        continue;
      }
      String name = l.name().replace('.', '-');
      name = name.length() > 63 ? name.substring(0, 63) : name;
      if (!names.add(name)) {
        name = name + "-" + l.port();
        names.add(name);
      }
      svc.addPorts(ServicePort.builder().name(name).port(l.port()).appProtocol(l.protocol().toLowerCase(Locale.ROOT))
          .build());
    }
    Map<String, String> svcLabels = new LinkedHashMap<>(labels);
    svcLabels.put(GATEWAY_NAME_LABEL, g.name());
    Service service = svc.build();
    for (ConfigMap cm : overlays(g, c, notes)) {
      service = overlay(cm, service, svcLabels, annotations, podLabels, podAnnotations, notes, errors);
    }
    if (!errors.isEmpty()) {
      return Validation.invalid(Vector.ofAll(errors));
    }
    service = service.withLabels(svcLabels).withAnnotations(annotations);
    return Validation.valid(new GatewayDataPlane(service, GatewayDataPlane.Origin.DERIVED, List.of(), podLabels,
        podAnnotations, notes));
  }

  /** Keys Istio drops: {@code gateway.networking.k8s.io/*} from infrastructure metadata, and its own control keys. */
  private static Map<String, String> propagated(Map<String, String> in, boolean infrastructure) {
    Map<String, String> out = new LinkedHashMap<>();
    in.forEach((k, v) -> {
      if (!NOT_COPIED.contains(k) && !(infrastructure && k.startsWith("gateway.networking.k8s.io/"))) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** A4.9: the class defaults ConfigMap (root namespace), then the Gateway's parametersRef ConfigMap. */
  private static List<ConfigMap> overlays(Gateway g, KubernetesCluster c, List<String> notes) {
    List<ConfigMap> out = new ArrayList<>();
    c.configMaps().stream().filter(cm -> g.gatewayClassName().equals(cm.labels().get(DEFAULTS_FOR_CLASS)))
        .forEach(out::add);
    Optional<Gateway.LocalObjectRef> ref = g.infrastructure().flatMap(Gateway.Infrastructure::parametersRef);
    if (ref.isPresent()) {
      if (!ref.get().kind().equals("ConfigMap") || !ref.get().group().isEmpty()) {
        notes.add("Gateway " + g.key() + ": parametersRef " + ref.get().kind() + " is not a ConfigMap: Istio "
            + "reports Accepted=False, InvalidParameters");
      } else {
        Optional<ConfigMap> cm = c.configMap(g.namespace(), ref.get().name());
        cm.ifPresentOrElse(out::add, () -> notes.add("Gateway " + g.key() + ": parametersRef ConfigMap "
            + g.namespace() + "/" + ref.get().name() + " is not in the dump: its overlays are unknown"));
      }
    }
    return out;
  }

  private static Service overlay(ConfigMap cm, Service svc, Map<String, String> svcLabels,
      Map<String, String> annotations, Map<String, String> podLabels, Map<String, String> podAnnotations,
      List<String> notes, List<ModelError> errors) {
    String file = cm.provenance().map(p -> p.file()).orElse("");
    String base = cm.provenance().map(p -> p.path().isEmpty() ? "data" : p.path() + ".data").orElse("data");
    Service out = svc;
    for (String key : List.of("service", "deployment")) {
      Optional<String> text = cm.get(key);
      if (text.isEmpty()) {
        continue;
      }
      JsonNode root;
      try {
        root = YAML.readTree(text.get());
      } catch (JsonProcessingException e) {
        errors.add(new ModelError(file, base + "." + key, "ConfigMap " + cm.key() + ": the " + key + " overlay is "
            + "not YAML: " + e.getOriginalMessage()));
        continue;
      }
      if (root == null || !root.isObject()) {
        continue;
      }
      if (key.equals("deployment")) {
        JsonNode meta = root.path("spec").path("template").path("metadata");
        merge(meta.path("labels"), podLabels);
        merge(meta.path("annotations"), podAnnotations);
        continue;
      }
      merge(root.path("metadata").path("labels"), svcLabels);
      merge(root.path("metadata").path("annotations"), annotations);
      Iterator<Map.Entry<String, JsonNode>> fields = root.path("spec").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String where = base + ".service: spec." + f.getKey();
        if (!SERVICE_OVERLAY_FIELDS.contains(f.getKey())) {
          notes.add("ConfigMap " + cm.key() + ": spec." + f.getKey() + " is not on the AKS overlay allow-list "
              + "(A4.10): ignored");
          continue;
        }
        Validation<String, Service> next = serviceField(f.getKey(), f.getValue(), out);
        if (next.isInvalid()) {
          errors.add(new ModelError(file, where, "ConfigMap " + cm.key() + ": " + next.getError()));
        } else {
          out = next.get();
        }
      }
    }
    return out;
  }

  /** Strategic merge of a string map: a null value deletes the key. */
  private static void merge(JsonNode node, Map<String, String> into) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        into.remove(e.getKey());
      } else {
        into.put(e.getKey(), e.getValue().asText());
      }
    }
  }

  private static Validation<String, Service> serviceField(String name, JsonNode v, Service svc) {
    switch (name) {
      case "type":
        return ServiceType.fromApiName(v.asText()).map(svc::withType).map(Validation::<String, Service>valid)
            .orElse(Validation.invalid("invalid Service type '" + v.asText() + "'"));
      case "externalTrafficPolicy":
      case "internalTrafficPolicy":
        return TrafficPolicy.fromApiName(v.asText()).map(t -> name.equals("externalTrafficPolicy")
            ? svc.withExternalTrafficPolicy(t) : svc.withInternalTrafficPolicy(t))
            .map(Validation::<String, Service>valid)
            .orElse(Validation.invalid("invalid " + name + " '" + v.asText() + "': expected Cluster or Local"));
      case "loadBalancerSourceRanges": {
        List<IpPrefix> ranges = new ArrayList<>();
        for (JsonNode r : v) {
          Validation<ModelError, IpPrefix> p = IpPrefix.parse(r.asText());
          if (p.isInvalid()) {
            return Validation.invalid("loadBalancerSourceRanges: " + p.getError().message());
          }
          ranges.add(p.get());
        }
        return Validation.valid(svc.withLoadBalancerSourceRanges(ranges));
      }
      case "loadBalancerClass":
        return Validation.valid(svc.withLoadBalancerClass(v.asText()));
      default:
        if (!v.canConvertToInt() || v.intValue() < 1 || v.intValue() > 65535) {
          return Validation.invalid("healthCheckNodePort " + v.asText() + " is not a port");
        }
        return Validation.valid(svc.withHealthCheckNodePort(v.intValue()));
    }
  }

  /**
   * The data plane the rest of aksreach should use: the dumped Service {@link #serviceName} (or, for an unmanaged
   * Gateway, the Service its Hostname address names) when the dump has it, else the derived one; the dumped pods the
   * Service selects. Differences between a dumped Service and the derivation that matter for reachability
   * (externalTrafficPolicy, ports) are noted.
   */
  public static Validated<GatewayDataPlane> resolve(Gateway g, KubernetesCluster c,
      GatewayOptions o) {
    return Validated.of(resolveResult(g, c, o));
  }

  private static Validation<Seq<ModelError>, GatewayDataPlane> resolveResult(Gateway g, KubernetesCluster c,
      GatewayOptions o) {
    if (!managed(g)) {
      String host = g.addresses().get(0).value();
      String[] parts = host.split("\\.");
      Optional<Service> named = parts.length >= 2 ? c.service(parts[1], parts[0]) : Optional.empty();
      if (named.isEmpty()) {
        return Validation.invalid(Vector.of(new ModelError(g.provenance().map(p -> p.file()).orElse(""),
            "spec.addresses", "Gateway " + g.key() + " is unmanaged (address " + host + "): Istio uses that existing "
            + "Service, which is not in the dump")));
      }
      return Validation.valid(new GatewayDataPlane(named.get(), GatewayDataPlane.Origin.DUMPED,
          c.podsSelectedBy(named.get()), Map.of(), Map.of(), List.of("unmanaged Gateway: Istio programs the "
          + "existing Service " + named.get().key())));
    }
    return derive(g, c, o).map(d -> {
      Optional<Service> dumped = c.service(g.namespace(), d.service().name());
      if (dumped.isEmpty()) {
        return new GatewayDataPlane(d.service(), d.serviceOrigin(), c.podsSelectedBy(d.service()), d.podLabels(),
            d.podAnnotations(), d.notes());
      }
      List<String> notes = new ArrayList<>(d.notes());
      Service s = dumped.get();
      if (s.externalTrafficPolicy() != d.service().externalTrafficPolicy()) {
        notes.add("dumped Service " + s.key() + " has externalTrafficPolicy " + s.externalTrafficPolicy()
            + ", the derivation " + d.service().externalTrafficPolicy() + ": the dump wins");
      }
      List<Integer> dumpedPorts = s.ports().stream().map(ServicePort::port).toList();
      List<Integer> derivedPorts = d.service().ports().stream().map(ServicePort::port).toList();
      if (!dumpedPorts.equals(derivedPorts)) {
        notes.add("dumped Service " + s.key() + " has ports " + dumpedPorts + ", the derivation " + derivedPorts
            + ": the dump wins");
      }
      List<Pod> pods = c.podsSelectedBy(s);
      return new GatewayDataPlane(s, GatewayDataPlane.Origin.DUMPED, pods, pods.isEmpty() ? d.podLabels()
          : pods.get(0).labels(), pods.isEmpty() ? d.podAnnotations() : pods.get(0).annotations(), notes);
    });
  }
}
