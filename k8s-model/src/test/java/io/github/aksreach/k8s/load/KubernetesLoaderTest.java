package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.PathType;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesLoaderTest {
  private final KubernetesLoader loader = KubernetesLoader.create();

  private Validation<Seq<ModelError>, Loaded<KubernetesCluster>> load(String name, String text) {
    return loader.loadString(name, text);
  }

  private KubernetesCluster ok(String name, String text) {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load(name, text);
    assertThat(r.isValid()).as(r.isInvalid() ? r.getError().mkString("\n") : "").isTrue();
    return r.get().value();
  }

  private static final String POD = String.join("\n",
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: web-1, namespace: default, labels: {app: web}}",
      "spec:",
      "  nodeName: n1",
      "  containers:",
      "  - name: c",
      "    ports: [{name: http, containerPort: 8080}]",
      "status:",
      "  phase: Running",
      "  podIP: 10.244.1.5",
      "  hostIP: 192.168.0.36",
      "  conditions: [{type: Ready, status: \"True\"}]",
      "");

  @Test
  void everyLabStepLoadsWithoutWarnings() {
    for (String step : List.of("step1-cluster-open", "step2-cluster-allowlist", "step3-cluster-nsgs",
        "step4-cluster-nsgs-nodes", "step6-local-pinned", "step7-local-spread")) {
      Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r =
          loader.loadDirectory(TestFiles.labDir(step).resolve("k8s"));
      assertThat(r.isValid()).as(step + (r.isInvalid() ? r.getError().mkString("\n") : "")).isTrue();
      assertThat(r.get().warnings()).as(step).isEmpty();
      KubernetesCluster c = r.get().value();
      assertThat(c.nodes()).as(step).hasSize(3);
      assertThat(c.services()).as(step).hasSize(4);
      Service lb = c.service("ingress", "ingress-nginx-controller").orElseThrow();
      assertThat(lb.frontendIps()).containsExactly(IpAddress.of("192.168.0.22"));
      assertThat(lb.azure().internal()).isTrue();
      assertThat(lb.azure().internalSubnet()).contains("ingress");
      assertThat(lb.azure().healthProbeRequestPath()).contains("/healthz");
      assertThat(lb.port("http").orElseThrow().nodePort()).hasValue(31880);
      Service api = c.service("default", "simpleapi").orElseThrow();
      assertThat(c.endpointsOf(api, api.ports().get(0))).singleElement()
          .matches(e -> e.address().equals(IpAddress.of("10.244.1.5")) && e.port() == 8080 && e.ready()
              && e.nodeName().orElse("").equals("aks-user-28786594-vmss000001"));
      assertThat(c.ingress("default", "weather").orElseThrow().rules().get(0).paths().get(0).pathType())
          .isEqualTo(PathType.PREFIX);
    }
    KubernetesCluster local = TestFiles.lab("step6-local-pinned");
    Service lb = local.service("ingress", "ingress-nginx-controller").orElseThrow();
    assertThat(lb.externalTrafficPolicy()).isEqualTo(TrafficPolicy.LOCAL);
    assertThat(lb.healthCheckNodePort()).hasValue(31049);
    KubernetesCluster spread = TestFiles.lab("step7-local-spread");
    Service lb7 = spread.service("ingress", "ingress-nginx-controller").orElseThrow();
    assertThat(spread.endpointsOf(lb7, lb7.port("http").orElseThrow())).extracting(ServiceEndpoint::nodeName)
        .hasSize(3);
  }

  @Test
  void singleObjectsListsAndTypedListsAllLoad() {
    KubernetesCluster single = ok("pod.yaml", POD);
    Pod p = single.pods().get(0);
    assertThat(p.podIps()).containsExactly(IpAddress.of("10.244.1.5"));
    assertThat(p.hostIp()).contains(IpAddress.of("192.168.0.36"));
    assertThat(p.ready()).isTrue();
    assertThat(p.namedPort("http", io.github.aksreach.core.model.Protocol.TCP)).hasValue(8080);
    String item = POD.replace("kind: Pod\n", "").replace("\n", "\n  ");
    String list = "apiVersion: v1\nkind: PodList\nitems:\n- " + item.substring(0, item.length() - 2);
    KubernetesCluster typed = ok("pods.yaml", list);
    assertThat(typed.pods()).hasSize(1);
  }

  @Test
  void multiDocumentYamlWithEmptyAndCommentOnlyDocuments() {
    String text = "# leading comment\n---\n" + POD + "---\n# only a comment\n---\n---\n"
        + POD.replace("web-1", "web-2").replace("10.244.1.5", "10.244.1.6") + "...\n";
    Loaded<KubernetesCluster> l = load("multi.yaml", text).get();
    assertThat(l.value().pods()).extracting(Pod::name).containsExactly("web-1", "web-2");
  }

  @Test
  void emptyAndCommentOnlyFilesAreNotErrors() {
    Loaded<KubernetesCluster> l = load("empty.yaml", "# nothing here\n").get();
    assertThat(l.value().counts().values()).allMatch(n -> n == 0);
    assertThat(l.notes()).singleElement().matches(n -> n.message().contains("no objects"));
    assertThat(load("blank.yaml", "").isValid()).isTrue();
  }

  @Test
  void unknownKindsAreSkippedWithANote() {
    Loaded<KubernetesCluster> l = load("crd.yaml", "apiVersion: traefik.io/v1alpha1\nkind: Middleware\n"
        + "metadata: {name: m, namespace: a}\n").get();
    assertThat(l.notes()).singleElement().extracting(LoadNote::toString)
        .isEqualTo("INFO crd.yaml: skipped Middleware a/m: aksreach does not use this kind");
  }

  @Test
  void everyErrorIsReportedAtOnceWithFileAndPath() {
    String text = String.join("\n",
        "apiVersion: v1",
        "kind: List",
        "items:",
        "- apiVersion: v1",
        "  kind: Service",
        "  metadata: {name: a, namespace: default}",
        "  spec:",
        "    type: Loadbalancer",
        "    loadBalancerIP: 10.0.0.300",
        "    ports:",
        "    - port: 80",
        "      targetPort: \"8080\"",
        "      protocol: tcp",
        "- apiVersion: networking.k8s.io/v1",
        "  kind: NetworkPolicy",
        "  metadata: {name: p, namespace: default}",
        "  spec:",
        "    podSelector: {}",
        "    ingress:",
        "    - from:",
        "      - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}",
        "        podSelector: {}",
        "      - {}",
        "      ports:",
        "      - {port: http, endPort: 90}",
        "- kind: Pod",
        "  metadata: {namespace: default}",
        "");
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load("bad.yaml", text);
    assertThat(r.isInvalid()).isTrue();
    assertThat(r.getError().map(ModelError::toString)).containsExactly(
        "bad.yaml: items[0].spec.type: invalid value 'Loadbalancer': expected ClusterIP, NodePort, LoadBalancer or "
            + "ExternalName (Service default/a)",
        "bad.yaml: items[0].spec.ports[0].protocol: invalid protocol 'tcp': expected TCP, UDP or SCTP "
            + "(Service default/a)",
        "bad.yaml: items[0].spec.ports[0].targetPort: port '8080' is a string of digits: write the number without "
            + "quotes, or a port name (Service default/a)",
        "bad.yaml: items[0].spec.loadBalancerIP: invalid IPv4 address '10.0.0.300': octet 300 is greater than 255 "
            + "(Service default/a)",
        "bad.yaml: items[1].spec.ingress[0].from[0].ipBlock.except[0]: except 10.1.0.0/24 is not inside cidr "
            + "10.0.0.0/16 (NetworkPolicy default/p)",
        "bad.yaml: items[1].spec.ingress[0].from[0]: a peer with ipBlock may not also have podSelector or "
            + "namespaceSelector (NetworkPolicy default/p)",
        "bad.yaml: items[1].spec.ingress[0].from[1]: a peer needs podSelector, namespaceSelector or ipBlock "
            + "(NetworkPolicy default/p)",
        "bad.yaml: items[1].spec.ingress[0].ports[0].endPort: endPort needs a numeric port (NetworkPolicy default/p)",
        "bad.yaml: items[2].metadata.name: missing name (Pod default/)");
  }

  @Test
  void wrongShapesAreErrorsNotExceptions() {
    assertThat(load("a.yaml", "- 1\n- 2\n").getError().head().message()).contains("expected a Kubernetes object");
    assertThat(load("b.yaml", "kind: Service\nmetadata: {name: x}\nspec: {ports: 80}\n").getError().head().toString())
        .isEqualTo("b.yaml: spec.ports: expected a list, found '80' (Service default/x)");
    assertThat(load("c.yaml", "just a string\n").getError().head().message())
        .contains("expected a Kubernetes object");
    assertThat(load("d.yaml", "apiVersion: v1\n").getError().head().message()).contains("no 'kind'");
    assertThat(load("e.yaml", "kind: Node\nmetadata: {name: n}\nstatus: {addresses: [{type: InternalIP, "
        + "address: 10.0.0.1/24}]}\n").getError().head().path()).isEqualTo("status.addresses[0].address");
  }

  @Test
  void syntaxErrorsNameTheLine() {
    ModelError e = load("broken.yaml", "kind: Pod\nmetadata:\n  name: [unclosed\n").getError().head();
    assertThat(e.file()).isEqualTo("broken.yaml");
    assertThat(e.path()).startsWith("line ");
    assertThat(e.message()).startsWith("YAML syntax error");
    ModelError j = load("broken.json", "{\"kind\": \"Pod\",}").getError().head();
    assertThat(j.message()).startsWith("JSON syntax error");
    ModelError dup = load("dup.yaml", "kind: Pod\nkind: Service\n").getError().head();
    assertThat(dup.message())
        .isEqualTo("duplicate key 'kind' in the top-level mapping: first on line 1, again on line 2 (keep one)");
  }

  @Test
  void leniencyIsNeverSilent() {
    Loaded<KubernetesCluster> l = load("svc.yaml", String.join("\n",
        "kind: Service",
        "metadata: {name: s, labels: {enabled: true}}",
        "spec:",
        "  type: LoadBalancer",
        "  loadBalancerSourceRanges: [10.0.0.1/24]",
        "  ports: [{port: 80}]",
        "")).get();
    Service s = l.value().services().get(0);
    assertThat(s.namespace()).isEqualTo("default");
    assertThat(s.labels()).containsEntry("enabled", "true");
    assertThat(s.loadBalancerSourceRanges()).containsExactly(IpPrefix.of("10.0.0.0/24"));
    assertThat(s.unmaskedLoadBalancerSourceRanges()).containsExactly("10.0.0.1/24");
    assertThat(l.notes()).extracting(LoadNote::message)
        .anyMatch(m -> m.startsWith("no namespace: assuming 'default'"))
        .anyMatch(m -> m.contains("value true is not a string"))
        .anyMatch(m -> m.contains("not a properly masked CIDR"))
        .anyMatch(m -> m.contains("no externalTrafficPolicy"));
  }

  @Test
  void legacyEndpointsAndV1beta1IngressesAreConverted() {
    String text = String.join("\n",
        "apiVersion: v1",
        "kind: Endpoints",
        "metadata: {name: web, namespace: default}",
        "subsets:",
        "- addresses: [{ip: 10.244.1.5, nodeName: n1, targetRef: {kind: Pod, name: web-1}}]",
        "  notReadyAddresses: [{ip: 10.244.1.6}]",
        "  ports: [{name: http, port: 8080, protocol: TCP}]",
        "---",
        "apiVersion: extensions/v1beta1",
        "kind: Ingress",
        "metadata: {name: old, namespace: default}",
        "spec:",
        "  backend: {serviceName: web, servicePort: http}",
        "  rules:",
        "  - host: old.example.com",
        "    http:",
        "      paths:",
        "      - path: /api",
        "        backend: {serviceName: web, servicePort: 80}",
        "");
    Loaded<KubernetesCluster> l = load("legacy.yaml", text).get();
    EndpointSlice s = l.value().endpointSlices().get(0);
    assertThat(s.fromLegacyEndpoints()).isTrue();
    assertThat(s.serviceName()).contains("web");
    assertThat(s.endpoints()).extracting(e -> e.ready()).containsExactly(true, false);
    assertThat(s.endpoints().get(0).targetRef().orElseThrow().key()).isEqualTo("default/web-1");
    var ing = l.value().ingresses().get(0);
    assertThat(ing.defaultBackend().orElseThrow().servicePort()).contains(PortRef.name("http"));
    assertThat(ing.rules().get(0).paths().get(0).pathType()).isEqualTo(PathType.IMPLEMENTATION_SPECIFIC);
    assertThat(l.notes()).anyMatch(n -> n.message().contains("ImplementationSpecific, the v1beta1 default"));
  }

  @Test
  void directoriesLoadRecursivelyAndRejectConflictingDuplicates(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("a.yaml"), POD);
    Files.writeString(dir.resolve("sub/b.yml"), POD);
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.writeString(dir.resolve(".hidden.yaml"), "garbage: [");
    Loaded<KubernetesCluster> l = loader.loadDirectory(dir).get();
    assertThat(l.value().pods()).hasSize(1);
    assertThat(l.notes()).extracting(LoadNote::toString)
        .contains("INFO notes.txt: skipped: not a .yaml, .yml or .json file")
        .anyMatch(n -> n.startsWith("INFO sub/b.yml: ") && n.contains("duplicate of Pod default/web-1"));
    Files.writeString(dir.resolve("sub/b.yml"), POD.replace("10.244.1.5", "10.244.1.9"));
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = loader.loadDirectory(dir);
    assertThat(r.getError().head().toString()).isEqualTo(
        "sub/b.yml: Pod default/web-1 is also defined, differently, in a.yaml: keep one of them");
    assertThat(loader.loadDirectory(dir.resolve("missing")).getError().head().message()).isEqualTo("not a directory");
  }

  @Test
  void crossReferencesAreNoted() {
    String text = POD + "---\n" + POD.replace("web-1", "web-2") + "---\n"
        + "kind: Node\nmetadata: {name: other}\nstatus: {addresses: [{type: InternalIP, address: 10.0.0.1}], "
        + "conditions: [{type: Ready, status: \"True\"}]}\n";
    Loaded<KubernetesCluster> l = load("x.yaml", text).get();
    assertThat(l.warnings()).extracting(LoadNote::message)
        .anyMatch(m -> m.equals("Pod default/web-1 runs on node n1, which is not in the dump"))
        .anyMatch(m -> m.contains("both claim address 10.244.1.5"));
  }

  /** The loader's result is a {@code Validated}: plain Java gets one exception carrying every problem. */
  @org.junit.jupiter.api.Test
  void orElseThrowListsEveryProblemOfTheFile() {
    String text = "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\n"
        + "spec: {type: ClusterIP, clusterIP: not-an-ip, ports: [{port: 99999}]}\n";
    var r = KubernetesLoader.create().loadString("svc.yaml", text);
    org.assertj.core.api.Assertions.assertThat(r.isInvalid()).isTrue();
    org.assertj.core.api.Assertions.assertThat(r.getError().size()).isGreaterThanOrEqualTo(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(r::orElseThrow)
        .isInstanceOf(io.github.aksreach.core.model.InvalidInputException.class)
        .hasMessageContaining("not-an-ip").hasMessageContaining("99999");
  }
}
