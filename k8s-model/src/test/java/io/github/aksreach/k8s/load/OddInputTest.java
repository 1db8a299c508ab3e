package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Service;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole YAML and JSON languages that users' tools emit (anchors, aliases, merge keys, several documents, BOMs,
 * UTF-16), their limits (alias bombs, duplicate keys), and the API server's identity rules for node addresses.
 */
class OddInputTest {
  @TempDir
  Path tmp;

  private static Validation<Seq<ModelError>, Loaded<KubernetesCluster>> load(String name, String text) {
    return KubernetesLoader.create().loadString(name, text);
  }

  private static final String SVC = """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Service
        metadata: {name: a, namespace: web}
        spec: &spec
          type: ClusterIP
          clusterIP: 10.0.0.10
          externalTrafficPolicy: Local
          selector: &sel {app: a}
          ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]
      - apiVersion: v1
        kind: Service
        metadata: {name: b, namespace: web}
        spec:
          <<: *spec
          clusterIP: 10.0.0.11
          selector: *sel
      """;

  @Test
  void anchorsAliasesAndMergeKeysReadAsYamlDefinesThem() {
    KubernetesCluster c = load("svc.yaml", SVC).get().value();
    Service a = c.service("web", "a").orElseThrow();
    Service b = c.service("web", "b").orElseThrow();
    assertThat(b.clusterIps()).containsExactly(IpAddress.of("10.0.0.11"));   // written in b: wins over the merge
    assertThat(b.selector()).isEqualTo(a.selector());                          // alias
    assertThat(b.ports()).isEqualTo(a.ports());                                // merged from *spec
    assertThat(b.type()).isEqualTo(a.type());
  }

  /** An anchored scalar and its aliases: jackson-dataformat-yaml gives no anchor for scalars, Yaml's parser does. */
  @Test
  void anchoredScalarsAreAliasedInBlockAndFlowStyle() {
    String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: &n web, namespace: &ns shop, labels: {app: *n}}\n"
        + "spec:\n  type: ClusterIP\n  clusterIP: &ip \"10.0.0.10\"\n  clusterIPs: [*ip]\n  selector:\n    app: *n\n"
        + "    tier: *ns\n  ports: [{port: &p 80, targetPort: *p}]\n";
    Service s = load("svc.yaml", svc).get().value().service("shop", "web").orElseThrow();
    assertThat(s.selector()).containsEntry("app", "web").containsEntry("tier", "shop");
    assertThat(s.clusterIps()).containsExactly(IpAddress.of("10.0.0.10"));
    assertThat(s.ports()).singleElement().satisfies(p -> assertThat(p.port()).isEqualTo(80));
  }

  @Test
  void aListOfMergedMappingsTakesTheFirstThatHasAKey() {
    String text = """
        base1: &b1 {type: ClusterIP, clusterIP: 10.0.0.21}
        base2: &b2 {type: LoadBalancer, clusterIP: 10.0.0.22, ports: [{port: 81}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: c, namespace: web}
        spec:
          <<: [*b1, *b2]
        """;
    // anchors are per document: the second document cannot see the first's
    assertThat(load("x.yaml", text).getError().head().message()).contains("alias *b1").contains("refers to no"
        + " anchor");
    String one = """
        apiVersion: v1
        kind: List
        items:
        - {kind: ConfigMap, metadata: {name: x, namespace: web}, data: &b1 {type: ClusterIP, clusterIP: 10.0.0.21}}
        - {kind: ConfigMap, metadata: {name: y, namespace: web}, data: &b2 {type: LoadBalancer, clusterIP: 10.0.0.22}}
        - apiVersion: v1
          kind: Service
          metadata: {name: c, namespace: web}
          spec:
            <<: [*b1, *b2]
            ports: [{port: 80}]
        """;
    Service c = load("x.yaml", one).get().value().service("web", "c").orElseThrow();
    assertThat(c.clusterIps()).containsExactly(IpAddress.of("10.0.0.21"));
    assertThat(c.type().toString()).isEqualToIgnoringCase("ClusterIP");
  }

  @Test
  void aMergeKeyOfAScalarIsAnError() {
    String text = "kind: Service\nmetadata: {name: d, namespace: web}\nspec:\n  <<: 5\n  ports: [{port: 80}]\n";
    assertThat(load("x.yaml", text).getError().head().message()).startsWith("merge key '<<' in spec takes a mapping");
  }

  @Test
  void anAliasBombIsRefusedQuickly() {
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    long t = System.nanoTime();
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load("bomb.yaml", sb.toString());
    assertThat(r.getError().head().message()).startsWith("YAML aliases expand to more than 1000000 nodes");
    assertThat(System.nanoTime() - t).isLessThan(2_000_000_000L);
    assertThat(KubernetesLoader.create(ReadLimits.defaults().withMaxAliasNodes(10)).loadString("x.yaml", SVC)
        .getError().head().message()).startsWith("YAML aliases expand to more than 10 nodes");
  }

  @Test
  void duplicateKeysNameBothLines() {
    String text = "kind: Service\nmetadata:\n  name: d\n  namespace: web\n  name: e\nspec: {ports: [{port: 80}]}\n";
    assertThat(load("x.yaml", text).getError().map(ModelError::toString)).containsExactly(
        "x.yaml: line 5: duplicate key 'name' in metadata: first on line 3, again on line 5 (keep one)");
  }

  /** The API server keeps clusterIP equal to clusterIPs[0]: a dump where they differ is bad input, not one of them. */
  @Test
  void aClusterIpThatIsNotTheFirstOfClusterIpsIsBadInput() {
    String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n"
        + "  ports: [{port: 80}]\n  clusterIP: %s\n  clusterIPs: [%s]\n";
    assertThat(load("s.yaml", String.format(svc, "10.0.12.34", "10.0.12.34")).isValid()).isTrue();
    assertThat(load("s.yaml", String.format(svc, "'fd00::0:1'", "'fd00::1'")).isValid()).as("one address").isTrue();
    assertThat(load("s.yaml", String.format(svc, "None", "None")).isValid()).isTrue();
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load("s.yaml",
        String.format(svc, "10.0.12.35", "10.0.12.34"));
    assertThat(r.getError()).singleElement().hasToString("s.yaml: spec.clusterIPs[0]: '10.0.12.34' is not"
        + " spec.clusterIP '10.0.12.35': the API server keeps clusterIP equal to the first of clusterIPs (keep one"
        + " address) (Service default/web)");
  }

  @Test
  void aDumpOver3MiBOfYamlLoads() {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    int n = 0;
    while (sb.length() < 3_300_000) {   // over SnakeYAML's default limit of 3 MiB code points
      sb.append("- apiVersion: v1\n  kind: Node\n  metadata:\n    name: aks-nodepool1-").append(n)
          .append("\n    labels: {kubernetes.io/os: linux, agentpool: nodepool1, topology.kubernetes.io/zone: '1'}\n")
          .append("  spec: {podCIDR: 10.").append(100 + n / 256).append('.').append(n % 256)
          .append(".0/24}\n  status:\n    addresses:\n    - {type: InternalIP, address: 10.")
          .append(n / 65536).append('.').append(n / 256 % 256).append('.').append(n % 256).append("}\n")
          .append("    - {type: Hostname, address: aks-nodepool1-").append(n).append("}\n")
          .append("    conditions: [{type: Ready, status: 'True'}]\n");
      n++;
    }
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load("nodes.yaml", sb.toString());
    assertThat(r.isValid()).as(r.isInvalid() ? r.getError().head().toString() : "").isTrue();
    assertThat(r.get().value().nodes()).hasSize(n);
  }

  @Test
  void bomUtf16AndConcatenatedJsonLoadFromFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("k8s"));
    String svc = "{\"kind\": \"Service\", \"metadata\": {\"name\": \"s1\", \"namespace\": \"web\"},"
        + " \"spec\": {\"ports\": [{\"port\": 80}]}}";
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] body = svc.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, withBom, 0, 3);
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(dir.resolve("a.json"), withBom);
    Files.write(dir.resolve("b.yaml"), ("\ufeff" + svc.replace("s1", "s2")).getBytes(StandardCharsets.UTF_16));
    Files.writeString(dir.resolve("c.json"), svc.replace("s1", "s3") + "\n" + svc.replace("s1", "s4") + "\n");
    KubernetesCluster c = KubernetesLoader.create().loadDirectory(dir).get().value();
    assertThat(c.services()).extracting(Service::name).containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
  }

  private static String node(String name, String addresses) {
    return "kind: Node\nmetadata: {name: " + name + "}\nstatus:\n  addresses: " + addresses
        + "\n  conditions: [{type: Ready, status: 'True'}]\n";
  }

  @Test
  void aNodeWithTwoHostnamesIsBadInputNamingBoth() {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load("n.yaml", node("n1",
        "[{type: InternalIP, address: 10.0.0.4}, {type: Hostname, address: n1}, {type: Hostname, address: n1b}]"));
    assertThat(r.getError().map(ModelError::toString)).containsExactly("n.yaml: status.addresses[2]: a second"
        + " Hostname address 'n1b': the node already has Hostname 'n1' at status.addresses[1] (keep one) (Node n1)");
  }

  @Test
  void malformedAddressListsAreBadInput() {
    assertThat(load("n.yaml", node("n1", "[{type: InternalIP, address: 10.0.0.4}, {type: InternalIP, address:"
        + " 10.0.0.4}]")).getError().head().message()).startsWith("InternalIP '10.0.0.4' is listed twice: also at"
        + " status.addresses[0]");
    assertThat(load("n.yaml", node("n1", "[{address: 10.0.0.4}]")).getError().head().path())
        .isEqualTo("status.addresses[0].type");
    assertThat(load("n.yaml", node("n1", "[{type: InternalIP}]")).getError().head().path())
        .isEqualTo("status.addresses[0].address");
    assertThat(load("n.yaml", node("n1", "[10.0.0.4]")).getError().head().message())
        .startsWith("expected a mapping with type and address");
    Node n = load("n.yaml", node("n1", "[{type: InternalIP, address: 10.0.0.4}, {type: InternalDNS, address:"
        + " n1.internal}]")).get().value().nodes().get(0);
    assertThat(n.internalIps()).containsExactly(IpAddress.of("10.0.0.4"));
  }

  @Test
  void oneAddressClaimedByTwoNodesIsBadInputNamingBoth() {
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = load("n.yaml",
        node("n1", "[{type: InternalIP, address: 10.0.0.4}]") + "---\n"
            + node("n2", "[{type: InternalIP, address: 10.0.0.4}]"));
    assertThat(r.getError().map(ModelError::toString)).containsExactly("n.yaml: doc[1]: Node n2 claims address"
        + " 10.0.0.4, which Node n1 already has (n.yaml: doc[0]): one address belongs to one node");
  }
}
