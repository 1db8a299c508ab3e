package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link KubernetesLoader#skippingInvalid()} leaves out one object, not its file: every other item of the List and
 * every other document is loaded, and the left-out object is a WARNING note naming file, path and object.
 */
class SkipInvalidObjectsTest {
  private static final KubernetesLoader STRICT = KubernetesLoader.create();
  private static final KubernetesLoader SKIPPING = STRICT.skippingInvalid();

  private static String service(int i, int port) {
    return "- apiVersion: v1\n  kind: Service\n  metadata: {name: svc-" + i + ", namespace: default}\n"
        + "  spec:\n    type: ClusterIP\n    clusterIP: 10.0." + (i / 200) + "." + (1 + i % 200) + "\n"
        + "    selector: {app: a" + i + "}\n    ports: [{name: http, port: " + port + ", targetPort: 8080}]\n";
  }

  @Test
  void aBadServiceInAListOfFiftyLeavesTheOther49Loaded() {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < 50; i++) {
      sb.append(service(i, i == 17 ? 70000 : 80));
    }
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> strict = STRICT.loadString("svcs.yaml", sb.toString());
    assertThat(strict.isInvalid()).isTrue();
    assertThat(strict.getError()).singleElement().satisfies(e -> {
      assertThat(e.file()).isEqualTo("svcs.yaml");
      assertThat(e.path()).isEqualTo("items[17].spec.ports[0].port");
    });

    Loaded<KubernetesCluster> l = SKIPPING.loadString("svcs.yaml", sb.toString()).get();
    assertThat(l.value().services()).hasSize(49);
    assertThat(l.value().service("default", "svc-17")).isEmpty();
    assertThat(l.value().service("default", "svc-16")).isPresent();
    assertThat(l.value().service("default", "svc-18")).isPresent();
    List<LoadNote> leftOut = l.warnings().stream().filter(n -> n.message().startsWith(KubernetesLoader.LEFT_OUT))
        .toList();
    assertThat(leftOut).singleElement().satisfies(n -> {
      assertThat(n.file()).isEqualTo("svcs.yaml");
      assertThat(n.path()).isEqualTo("items[17].spec.ports[0].port");
      assertThat(n.message()).startsWith("left out (--skip-invalid), Service default/svc-17 at items[17]: ")
          .contains("70000");
    });
  }

  /** A minimal valid object of each kind the loaders read, named {@code NAME}; kept small, no status. */
  private static final Map<String, String> GOOD = new LinkedHashMap<>();

  static {
    GOOD.put("Node", "apiVersion: v1\nkind: Node\nmetadata: {name: NAME, labels: {a: b}}\nspec: {}\n"
        + "status:\n  addresses: [{type: InternalIP, address: ADDR}]\n  conditions: [{type: Ready, status: \"True\"}]\n");
    GOOD.put("Pod", "apiVersion: v1\nkind: Pod\nmetadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {nodeName: n, containers: [{name: c}]}\nstatus: {phase: Pending}\n");
    GOOD.put("Service", "apiVersion: v1\nkind: Service\nmetadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {type: ClusterIP, clusterIP: ADDR, ports: [{port: 80}]}\n");
    GOOD.put("EndpointSlice", "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
        + "metadata: {name: NAME, namespace: default, labels: {kubernetes.io/service-name: s}}\n"
        + "addressType: IPv4\nendpoints: [{addresses: [ADDR]}]\nports: [{port: 80}]\n");
    GOOD.put("Endpoints", "apiVersion: v1\nkind: Endpoints\nmetadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "subsets: [{addresses: [{ip: ADDR}], ports: [{port: 80}]}]\n");
    GOOD.put("Ingress", "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {defaultBackend: {service: {name: s, port: {number: 80}}}}\n");
    GOOD.put("IngressClass", "apiVersion: networking.k8s.io/v1\nkind: IngressClass\n"
        + "metadata: {name: NAME, labels: {a: b}}\nspec: {controller: k8s.io/ingress-nginx}\n");
    GOOD.put("NetworkPolicy", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n");
    GOOD.put("Namespace", "apiVersion: v1\nkind: Namespace\nmetadata: {name: NAME, labels: {a: b}}\n");
    GOOD.put("ConfigMap", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "data: {k: v}\n");
    for (String w : List.of("Deployment", "DaemonSet", "StatefulSet", "ReplicaSet")) {
      GOOD.put(w, "apiVersion: apps/v1\nkind: " + w + "\nmetadata: {name: NAME, namespace: default, labels: {a: b}}\n"
          + "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
          + "    spec: {containers: [{name: c}]}\n");
    }
    GOOD.put("GatewayClass", "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\n"
        + "metadata: {name: NAME, labels: {a: b}}\nspec: {controllerName: istio.io/gateway-controller}\n");
    GOOD.put("Gateway", "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}\n");
    GOOD.put("HTTPRoute", "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {parentRefs: [{name: g}], rules: [{backendRefs: [{name: s, port: 80}]}]}\n");
    GOOD.put("GRPCRoute", "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {parentRefs: [{name: g}], rules: [{backendRefs: [{name: s, port: 80}]}]}\n");
    GOOD.put("ReferenceGrant", "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\n"
        + "spec: {from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: x}], to: [{group: '', kind: Service}]}\n");
    GOOD.put("AuthorizationPolicy", "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
        + "metadata: {name: NAME, namespace: default, labels: {a: b}}\nspec: {action: ALLOW, rules: [{}]}\n");
  }

  /** The object's {@code metadata.labels} made a string: every kind reads its labels, and refuses that. */
  private static final Function<String, String> BAD_LABELS = y -> y.replace("labels: {a: b}}", "labels: oops}")
      .replace("labels: {kubernetes.io/service-name: s}}", "labels: oops}");

  private static String item(String yaml) {
    return "- " + yaml.strip().replace("\n", "\n  ") + "\n";
  }

  private static int count(KubernetesCluster c, String kind) {
    return switch (kind) {
      case "Node" -> c.nodes().size();
      case "Pod" -> c.pods().size();
      case "Service" -> c.services().size();
      case "EndpointSlice", "Endpoints" -> c.endpointSlices().size();
      case "Ingress" -> c.ingresses().size();
      case "IngressClass" -> c.ingressClasses().size();
      case "NetworkPolicy" -> c.networkPolicies().size();
      case "Namespace" -> c.namespaces().size();
      case "ConfigMap" -> c.configMaps().size();
      case "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet" -> c.workloads().size();
      case "GatewayClass" -> c.gatewayClasses().size();
      case "Gateway" -> c.gateways().size();
      case "HTTPRoute" -> c.httpRoutes().size();
      case "GRPCRoute" -> c.grpcRoutes().size();
      case "ReferenceGrant" -> c.referenceGrants().size();
      case "AuthorizationPolicy" -> c.authorizationPolicies().size();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /**
   * For every kind: a List of a good object, a bad one and another good one, and the same as a multi-document file.
   * Strictly the file is refused; skipping, both good objects are loaded and the bad one is listed with its path.
   */
  @Test
  void everyKindIsLeftOutAloneInAListAndInAMultiDocumentFile() {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, String> e : GOOD.entrySet()) {
      String kind = e.getKey();
      String one = e.getValue().replace("NAME", "one").replace("ADDR", "10.1.0.1");
      String bad = BAD_LABELS.apply(e.getValue().replace("NAME", "bad").replace("ADDR", "10.1.0.2"));
      // kinds whose labels are not read get a bad field of their own instead
      bad = switch (kind) {
        case "Endpoints", "GRPCRoute" -> bad.replace("labels: oops}", "labels: {a: b}}").replace("port: 80",
            "port: 70000");
        case "GatewayClass" -> bad.replace("labels: oops}", "labels: {a: b}}").replace(
            "controllerName: istio.io/gateway-controller", "controllerName: [1]");
        case "ReferenceGrant" -> bad.replace("labels: oops}", "labels: {a: b}}").replace("kind: Service}",
            "kind: [Service]}");
        case "AuthorizationPolicy" -> bad.replace("labels: oops}", "labels: {a: b}}").replace("ALLOW", "PERMIT");
        default -> bad;
      };
      String two = e.getValue().replace("NAME", "two").replace("ADDR", "10.1.0.3");
      assertThat(bad).as(kind).isNotEqualTo(e.getValue().replace("NAME", "bad").replace("ADDR", "10.1.0.2"));

      String list = "apiVersion: v1\nkind: List\nitems:\n" + item(one) + item(bad) + item(two);
      String docs = one + "---\n" + bad + "---\n" + two;
      for (String[] file : List.of(new String[] {"list.yaml", list, "items[1]"},
          new String[] {"docs.yaml", docs, "doc[1]"})) {
        Validation<Seq<ModelError>, Loaded<KubernetesCluster>> strict = STRICT.loadString(file[0], file[1]);
        assertThat(strict.isInvalid()).as("%s %s strictly", kind, file[0]).isTrue();
        assertThat(strict.getError()).as(kind).allSatisfy(x -> assertThat(x.path()).startsWith(file[2]));

        Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = SKIPPING.loadString(file[0], file[1]);
        assertThat(r.isValid()).as("%s %s: %s", kind, file[0], r.isInvalid() ? r.getError() : "").isTrue();
        assertThat(count(r.get().value(), kind)).as("%s %s", kind, file[0]).isEqualTo(2);
        List<LoadNote> leftOut = r.get().warnings().stream()
            .filter(n -> n.message().startsWith(KubernetesLoader.LEFT_OUT)).toList();
        assertThat(leftOut).as(kind).isNotEmpty().allSatisfy(n -> {
          assertThat(n.file()).isEqualTo(file[0]);
          assertThat(n.path()).startsWith(file[2]);
          assertThat(n.message()).contains(kind + " ").contains("bad at " + file[2] + ": ");
        });
      }
      checked.add(kind);
    }
    assertThat(checked).hasSize(20);
  }

  @Test
  void unparsableFilesAndConflictingDuplicatesAreLeftOutToo() {
    String good = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n";
    Loaded<KubernetesCluster> l = SKIPPING.loadSources(List.of(
        new KubernetesLoader.Source("a.yaml", good),
        new KubernetesLoader.Source("broken.yaml", "kind: Namespace\nmetadata: {name: [\n"),
        new KubernetesLoader.Source("dup.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {x: y}}\n"
            + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n"))).get();
    assertThat(l.value().namespaces()).extracting(n -> n.name()).containsExactly("a", "b");
    assertThat(l.value().namespace("a").orElseThrow().labels()).doesNotContainKey("x");
    // what the loader keeps holds to the rules of built clusters: AksReachability.load does not check them again
    assertThat(ClusterConsistency.errors(l.value())).isEmpty();
    assertThat(l.warnings()).anySatisfy(n -> {
      assertThat(n.file()).isEqualTo("broken.yaml");
      assertThat(n.message()).startsWith("left out (--skip-invalid), the whole file: ");
    });
    assertThat(l.warnings()).anySatisfy(n -> {
      assertThat(n.file()).isEqualTo("dup.yaml");
      assertThat(n.path()).isEqualTo("doc[0]");
      assertThat(n.message()).startsWith("left out (--skip-invalid), the later definition: ")
          .contains("Namespace a is also defined, differently");
    });
  }

  @Test
  void aNodeClaimingAnotherNodesAddressIsLeftOutAlone() {
    String nodes = "apiVersion: v1\nkind: List\nitems:\n"
        + item(GOOD.get("Node").replace("NAME", "n1").replace("ADDR", "10.0.0.4"))
        + item(GOOD.get("Node").replace("NAME", "n2").replace("ADDR", "10.0.0.4"))
        + item(GOOD.get("Node").replace("NAME", "n3").replace("ADDR", "10.0.0.5"));
    assertThat(STRICT.loadString("n.yaml", nodes).isInvalid()).isTrue();
    Loaded<KubernetesCluster> l = SKIPPING.loadString("n.yaml", nodes).get();
    assertThat(l.value().nodes()).extracting(n -> n.name()).containsExactly("n1", "n3");
    assertThat(ClusterConsistency.errors(l.value())).isEmpty();
    assertThat(l.warnings()).anySatisfy(n -> assertThat(n.toString()).isEqualTo("WARNING n.yaml: items[1]: left out "
        + "(--skip-invalid), the later definition: Node n2 claims address 10.0.0.4, which Node n1 already has "
        + "(n.yaml: items[0]): one address belongs to one node"));
  }
}
