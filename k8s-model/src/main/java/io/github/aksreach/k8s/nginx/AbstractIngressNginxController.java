package io.github.aksreach.k8s.nginx;

import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One ingress-nginx controller: its pods, the flags that matter (ConfigMap, classes, annotation prefix, health path)
 * and the Ingresses it serves.
 *
 * <pre>{@code
 * List<IngressNginxController> all = IngressNginxController.detect(cluster);
 * IngressNginxController ctl = all.get(0);
 * ctl.configMap();                 // ObjectRef ConfigMap ingress/ingress-nginx-controller
 * ctl.pods();                      // the controller pods (from the dump)
 * ctl.handles(weather, cluster);   // true: class nginx -> IngressClass nginx -> k8s.io/ingress-nginx
 * ctl.config(cluster);             // IngressNginxConfig from that ConfigMap (defaults if not dumped)
 * }</pre>
 *
 * <p>Detection (CONTRACTS.md section 1): a pod (or a Deployment/DaemonSet template, when pods are not dumped) is a
 * controller if a container runs {@code /nginx-ingress-controller}, or it has the ingress-nginx labels
 * ({@code app.kubernetes.io/name: ingress-nginx} with {@code app.kubernetes.io/component: controller}). Flags are read
 * from that container's command line ({@code --flag=value} or {@code --flag value}), {@code $(POD_NAMESPACE)} replaced
 * by the pod's namespace. Without {@code --configmap} the ConfigMap is {@code <namespace>/ingress-nginx-controller}.
 * Pods are grouped into one controller per namespace and ConfigMap.
 */
@Value.Immutable
abstract class AbstractIngressNginxController {
  public static final String DEFAULT_CONFIGMAP = "ingress-nginx-controller";
  public static final String DEFAULT_CLASS = "nginx";
  public static final String DEFAULT_CONTROLLER_CLASS = "k8s.io/ingress-nginx";
  public static final String DEFAULT_ANNOTATIONS_PREFIX = "nginx.ingress.kubernetes.io";
  public static final String DEFAULT_HEALTH_CHECK_PATH = "/healthz";

  public abstract String namespace();

  /** The workload name (Deployment/DaemonSet), or a pod name when no owner is known. */
  public abstract String name();

  /** The controller pods in the dump. */
  public abstract List<Pod> pods();

  /** The Deployment or DaemonSet, when dumped. */
  public abstract Optional<Workload> workload();

  /** {@code --configmap}. */
  public abstract ObjectRef configMap();

  /** {@code --ingress-class} (default {@code nginx}). */
  @Value.Default
  public String ingressClass() {
    return DEFAULT_CLASS;
  }

  /** {@code --controller-class} (default {@code k8s.io/ingress-nginx}). */
  @Value.Default
  public String controllerClass() {
    return DEFAULT_CONTROLLER_CLASS;
  }

  /** {@code --watch-ingress-without-class}. */
  @Value.Default
  public boolean watchIngressWithoutClass() {
    return false;
  }

  /** {@code --annotations-prefix}. */
  @Value.Default
  public String annotationsPrefix() {
    return DEFAULT_ANNOTATIONS_PREFIX;
  }

  /** {@code --health-check-path}: answered 200 by the default server. */
  @Value.Default
  public String healthCheckPath() {
    return DEFAULT_HEALTH_CHECK_PATH;
  }

  /** {@code --https-port}: the container port NGINX serves HTTPS on (default 443); any other port is plain HTTP. */
  @Value.Default
  public int httpsPort() {
    return 443;
  }

  /** {@code --default-backend-service}. */
  public abstract Optional<String> defaultBackendService();

  /** {@code --publish-service}. */
  public abstract Optional<String> publishService();

  public String key() {
    return namespace() + "/" + name();
  }

  /** The controller's configuration: its ConfigMap, or the defaults when the ConfigMap is not in the dump. */
  public IngressNginxConfig config(KubernetesCluster c) {
    Optional<ConfigMap> cm = c.configMap(configMap().namespace(), configMap().name());
    if (cm.isEmpty()) {
      return IngressNginxConfig.builder().addProblems("ConfigMap " + configMap().key()
          + " is not in the dump: the controller defaults are assumed").build();
    }
    return IngressNginxConfig.fromConfigMap(cm.get());
  }

  /**
   * Whether this controller serves {@code ing}: the legacy {@code kubernetes.io/ingress.class} annotation must equal
   * {@link #ingressClass()}; else {@code ingressClassName} must name an IngressClass whose controller is
   * {@link #controllerClass()} (or, when that IngressClass is not dumped, equal {@link #ingressClass()}); an Ingress
   * without class is served with {@link #watchIngressWithoutClass()} or when a default IngressClass of this controller
   * exists.
   */
  public boolean handles(Ingress ing, KubernetesCluster c) {
    String annotation = ing.annotations().get(Ingress.CLASS_ANNOTATION);
    if (annotation != null) {
      return annotation.equals(ingressClass());
    }
    if (ing.ingressClassName().isPresent()) {
      Optional<IngressClass> ic = c.ingressClass(ing.ingressClassName().get());
      if (ic.isPresent()) {
        return ic.get().controller().equals(controllerClass());
      }
      return ing.ingressClassName().get().equals(ingressClass());
    }
    if (watchIngressWithoutClass()) {
      return true;
    }
    return c.ingressClasses().stream().anyMatch(ic -> ic.isDefault() && ic.controller().equals(controllerClass()));
  }

  /** The Ingresses this controller serves, oldest first (ingress-nginx's order for conflicts), then by key. */
  public List<Ingress> ingresses(KubernetesCluster c) {
    List<Ingress> out = new ArrayList<>();
    for (Ingress i : c.ingresses()) {
      if (handles(i, c)) {
        out.add(i);
      }
    }
    out.sort((a, b) -> {
      int t = a.creationTimestamp().map(x -> b.creationTimestamp().map(x::compareTo).orElse(-1))
          .orElse(b.creationTimestamp().isPresent() ? 1 : 0);
      return t != 0 ? t : a.key().compareTo(b.key());
    });
    return out;
  }

  // ------------------------------------------------------------------------------------------- detection

  /** Whether a container runs the controller binary. */
  public static boolean runsController(Container c) {
    for (String a : c.commandLine()) {
      if (a.equals("/nginx-ingress-controller") || a.endsWith("/nginx-ingress-controller")) {
        return true;
      }
    }
    return false;
  }

  /** Whether labels are ingress-nginx controller labels. */
  public static boolean hasControllerLabels(Map<String, String> labels) {
    boolean name = "ingress-nginx".equals(labels.get("app.kubernetes.io/name"));
    String component = labels.getOrDefault("app.kubernetes.io/component", "");
    return name && component.equals("controller");
  }

  private static Optional<Container> controllerContainer(List<Container> cs) {
    for (Container c : cs) {
      if (runsController(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Every ingress-nginx controller of the cluster. */
  public static List<IngressNginxController> detect(KubernetesCluster c) {
    Map<String, IngressNginxController.Builder> builders = new LinkedHashMap<>();
    Map<String, List<Pod>> pods = new LinkedHashMap<>();
    Map<String, Workload> workloads = new LinkedHashMap<>();
    for (Workload w : c.workloads()) {
      Optional<Container> cc = controllerContainer(w.template().containers());
      if (cc.isEmpty() && !hasControllerLabels(w.template().labels())) {
        continue;
      }
      List<String> args = cc.map(Container::commandLine).orElse(List.of());
      IngressNginxController.Builder b = flags(args, w.namespace());
      String key = w.namespace() + "|" + configMapOf(args, w.namespace()).key();
      if (!builders.containsKey(key)) {
        builders.put(key, b.name(w.name()).namespace(w.namespace()).workload(w));
        workloads.put(key, w);
        pods.put(key, new ArrayList<>());
      }
    }
    for (Pod p : c.pods()) {
      Optional<Container> cc = controllerContainer(p.containers());
      if (cc.isEmpty() && !hasControllerLabels(p.labels())) {
        continue;
      }
      List<String> args = cc.map(Container::commandLine).orElse(List.of());
      String key = p.namespace() + "|" + configMapOf(args, p.namespace()).key();
      if (!builders.containsKey(key)) {
        builders.put(key, flags(args, p.namespace()).name(ownerName(p)).namespace(p.namespace()));
        pods.put(key, new ArrayList<>());
      }
      pods.get(key).add(p);
    }
    List<IngressNginxController> out = new ArrayList<>();
    builders.forEach((k, b) -> out.add(b.addAllPods(pods.get(k)).build()));
    return out;
  }

  private static String ownerName(Pod p) {
    for (ObjectRef o : p.owners()) {
      if (o.kind().equals("ReplicaSet")) {
        int dash = o.name().lastIndexOf('-');
        return dash > 0 ? o.name().substring(0, dash) : o.name();
      }
      if (o.kind().equals("DaemonSet") || o.kind().equals("StatefulSet") || o.kind().equals("Deployment")) {
        return o.name();
      }
    }
    return p.name();
  }

  private static Optional<String> flag(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String dashes : List.of("--", "-")) {
        String f = dashes + name;
        if (a.startsWith(f + "=")) {
          return Optional.of(a.substring(f.length() + 1));
        }
        if (a.equals(f)) {
          if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
            return Optional.of(args.get(i + 1));
          }
          return Optional.of("true");
        }
      }
    }
    return Optional.empty();
  }

  private static String expand(String v, String namespace) {
    return v.replace("$(POD_NAMESPACE)", namespace);
  }

  static ObjectRef configMapOf(List<String> args, String namespace) {
    Optional<String> v = flag(args, "configmap").map(s -> expand(s, namespace));
    if (v.isEmpty() || v.get().isBlank()) {
      return ObjectRef.of("ConfigMap", namespace, DEFAULT_CONFIGMAP);
    }
    String s = v.get().trim();
    int slash = s.indexOf('/');
    return slash < 0 ? ObjectRef.of("ConfigMap", namespace, s)
        : ObjectRef.of("ConfigMap", s.substring(0, slash), s.substring(slash + 1));
  }

  private static IngressNginxController.Builder flags(List<String> args, String namespace) {
    IngressNginxController.Builder b = IngressNginxController.builder().configMap(configMapOf(args, namespace));
    flag(args, "ingress-class").map(String::trim).filter(s -> !s.isEmpty()).ifPresent(b::ingressClass);
    flag(args, "controller-class").map(String::trim).filter(s -> !s.isEmpty()).ifPresent(b::controllerClass);
    flag(args, "watch-ingress-without-class").ifPresent(v -> b.watchIngressWithoutClass(v.trim().equals("true")));
    flag(args, "annotations-prefix").map(String::trim).filter(s -> !s.isEmpty()).ifPresent(b::annotationsPrefix);
    flag(args, "health-check-path").map(String::trim).filter(s -> !s.isEmpty()).ifPresent(b::healthCheckPath);
    flag(args, "default-backend-service").map(s -> expand(s, namespace)).ifPresent(b::defaultBackendService);
    flag(args, "https-port").map(String::trim).filter(s -> s.matches("[0-9]{1,5}")).map(Integer::parseInt)
        .ifPresent(b::httpsPort);
    flag(args, "publish-service").map(s -> expand(s, namespace)).ifPresent(b::publishService);
    return b;
  }
}
