package io.github.aksreach.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.examples.cli.Main;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.ScenarioLoader;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.output.CheckOutput;
import io.github.aksreach.k8s.output.ReachOutput;
import io.github.aksreach.nsg.model.AzureNetwork;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A written {@link SyntheticAks} cluster is a real scenario directory: it loads through the same loaders as a user's
 * dump with no problem and no note, holds every object of the in-memory scenario (equal but for where it was read),
 * and the CLI answers on it exactly as the in-memory scenario answers the same questions.
 */
class SyntheticDumpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path tmp;
  private static Scenario generated;
  private static Path dir;

  @BeforeAll
  static void write() throws IOException {
    generated = SyntheticAks.generate(SyntheticAks.Spec.of(50));
    dir = tmp.resolve("synthetic-50");
    SyntheticDump.write(generated, dir);
  }

  @Test
  void writesTheFilesUsersDump() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')))
          .containsExactlyInAnyOrder("scenario.yaml", "k8s/namespaces.json", "k8s/nodes.json", "k8s/pods.json",
              "k8s/services.json", "k8s/endpointslices.json", "k8s/ingresses.json", "azure/vnet.json",
              "azure/nsgs.json", "azure/nics.json", "azure/servicetags.json");
    }
    JsonNode nodes = JSON.readTree(dir.resolve("k8s/nodes.json").toFile());
    assertThat(nodes.get("kind").asText()).isEqualTo("List");
    assertThat(nodes.get("items")).hasSize(50);
    assertThat(nodes.at("/items/0/status/addresses/1/type").asText()).isEqualTo("InternalIP");
    JsonNode nsgs = JSON.readTree(dir.resolve("azure/nsgs.json").toFile());
    assertThat(nsgs).hasSize(11);
    assertThat(nsgs.get(0).get("securityRules")).hasSize(200);
    assertThat(nsgs.get(0).get("defaultSecurityRules")).hasSize(6);
  }

  @Test
  void loadsWithoutProblemsIntoTheSameObjects() {
    Scenario loaded = ScenarioLoader.load(dir).orElseThrow();
    assertThat(loaded.notes()).isEmpty();
    KubernetesCluster a = generated.kubernetes();
    KubernetesCluster b = loaded.kubernetes();
    assertThat(b.nodes().stream().map(n -> n.withProvenance(Optional.empty()))).containsExactlyElementsOf(a.nodes());
    assertThat(b.pods().stream().map(p -> p.withProvenance(Optional.empty()))).containsExactlyElementsOf(a.pods());
    assertThat(b.services().stream().map(s -> s.withProvenance(Optional.empty())))
        .containsExactlyElementsOf(a.services());
    assertThat(b.endpointSlices().stream().map(s -> s.withProvenance(Optional.empty())))
        .containsExactlyElementsOf(a.endpointSlices());
    assertThat(b.ingresses().stream().map(i -> i.withProvenance(Optional.empty()).withCreationTimestamp(
        Optional.empty()))).containsExactlyElementsOf(a.ingresses());
    AzureNetwork x = generated.azure();
    AzureNetwork y = loaded.azure();
    assertThat(nics(y)).isEqualTo(nics(x));
    assertThat(y.nsgs()).hasSameSizeAs(x.nsgs());
    for (int i = 0; i < x.nsgs().size(); i++) {
      assertThat(y.nsgs().get(i).name()).isEqualTo(x.nsgs().get(i).name());
      assertThat(rules(y.nsgs().get(i).allRules())).isEqualTo(rules(x.nsgs().get(i).allRules()));
      assertThat(y.nsgs().get(i).subnetIds()).isEqualTo(x.nsgs().get(i).subnetIds());
    }
    assertThat(y.vnets().get(0).peeredPrefixes()).isEqualTo(x.vnets().get(0).peeredPrefixes());
    assertThat(y.vnets().get(0).subnets().stream().map(s -> s.withProvenance(Optional.empty())))
        .containsExactlyElementsOf(x.vnets().get(0).subnets());
    assertThat(y.serviceTags().entries().stream().map(e -> e.name() + e.prefixes()))
        .containsExactlyElementsOf(x.serviceTags().entries().stream().map(e -> e.name() + e.prefixes()).toList());
    assertThat(loaded.config()).isEqualTo(generated.config());
  }

  /** NICs as the engine uses them (az prints an id for every IP configuration; the generator gives none). */
  private static List<String> nics(AzureNetwork az) {
    return az.nics().stream().map(n -> n.id() + " " + n.nsgId() + " " + n.enableIpForwarding() + " "
        + n.ipConfigurations().stream().map(c -> c.name() + " " + c.privateIp() + " " + c.subnetId() + " "
        + c.primary() + " " + c.backendPoolIds() + " " + c.asgIds()).toList()).toList();
  }

  private static List<String> rules(List<io.github.aksreach.nsg.model.SecurityRule> rules) {
    return rules.stream().map(r -> r.name() + " " + r.priority() + " " + r.direction() + " " + r.access() + " "
        + r.protocol() + " " + r.source() + ":" + r.sourcePorts() + " -> " + r.destination() + ":"
        + r.destinationPorts()).toList();
  }

  /** {@code check} through the CLI on the directory prints what the in-memory scenario's check renders. */
  @Test
  void cliChecksAnswerAsTheInMemoryCluster() {
    AksReachability memory = AksReachability.of(generated, AksOptions.defaults());
    Set<String> verdicts = new HashSet<>();
    int port = 40000;
    for (String src : List.of("10.239.0.4", "10.239.0.200", "10.100.77.5", "203.0.113.10", "8.8.8.8",
        "10.224.48.6", "10.232.0.5")) {
      List<String[]> questions = new ArrayList<>();
      questions.add(new String[] {SyntheticAks.INGRESS_FRONTEND + ":80", SyntheticAks.INGRESS_HOST, "/api"});
      questions.add(new String[] {SyntheticAks.INGRESS_FRONTEND + ":443", null, null});
      for (int j : new int[] {0, 3, 4, 9}) {
        questions.add(new String[] {SyntheticAks.lbFrontend(j) + ":80", null, null});
      }
      for (String[] q : questions) {
        int p = port++;
        String[] to = q[0].split(":");
        Flow f = Flow.of(Protocol.TCP, IpAddress.of(src), p, IpAddress.of(to[0]), Integer.parseInt(to[1]));
        List<String> args = new ArrayList<>(List.of("check", dir.toString(), "--from", src + ":" + p, "--to",
            q[0] + "/tcp", "--format", "json"));
        if (q[1] != null) {
          f = f.withHttp(q[1], q[2]);
          args.addAll(List.of("--host", q[1], "--path", q[2]));
        }
        String expected = CheckOutput.json(memory.check(f));
        String[] run = run(args.toArray(String[]::new));
        assertThat(run[0]).as("exit of %s (stderr %s)", args, run[2]).isEqualTo("0");
        assertThat(run[1].strip()).as("check %s", args).isEqualTo(expected.strip());
        verdicts.add(memory.check(f).verdict().kind().toString());
      }
    }
    assertThat(verdicts).as("the flows meet every verdict").contains("ALWAYS", "SOMETIMES", "NEVER");
  }

  /** {@code reach} through the CLI on the directory prints the in-memory scenario's source sets. */
  @Test
  void cliReachAnswersAsTheInMemoryCluster() throws IOException {
    AksReachability memory = AksReachability.of(generated, AksOptions.defaults());
    String expected = ReachOutput.json(memory.reach(SyntheticAks.INGRESS_FRONTEND, 80, Protocol.TCP,
        Optional.of(SyntheticAks.INGRESS_HOST), Optional.of("/api"), IpSet.all(IpFamily.V4)));
    String[] run = run("reach", dir.toString(), "--to", SyntheticAks.INGRESS_FRONTEND + ":80", "--host",
        SyntheticAks.INGRESS_HOST, "--path", "/api", "--format", "json");
    assertThat(run[0]).as(run[2]).isEqualTo("0");
    assertThat(run[1].strip()).isEqualTo(expected.strip());
    JsonNode sets = JSON.readTree(expected);
    assertThat(sets.get("always")).as("not vacuous: some sources always reach the API").isNotEmpty();
    assertThat(sets.get("sometimes")).as("and some sometimes").isNotEmpty();
  }

  @Test
  void sameSpecWritesTheSameBytesAndNeverOverwrites() throws IOException {
    Path again = tmp.resolve("again");
    SyntheticDump.write(SyntheticAks.generate(SyntheticAks.Spec.of(50)), again);
    for (String f : List.of("k8s/pods.json", "k8s/services.json", "azure/nsgs.json", "azure/nics.json",
        "scenario.yaml")) {
      assertThat(Files.readString(again.resolve(f))).as(f).isEqualTo(Files.readString(dir.resolve(f)));
    }
    assertThatThrownBy(() -> SyntheticDump.write(generated, again)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds a scenario");
  }

  /**
   * Both address plans give every node and pod an address of its own, inside its subnet: the small plan up to 512
   * nodes per pool, the wide one beyond (50,000 nodes need it: 5,000 per pool overflow a /20 and the pod blocks).
   */
  @Test
  void addressPlansGiveEveryObjectItsOwnAddress() {
    for (SyntheticAks.Spec spec : List.of(SyntheticAks.Spec.of(5_000), new SyntheticAks.Spec(6_000, 10, 50, 10, 1L))) {
      Scenario s = SyntheticAks.generate(spec);
      assertThat(spec.wide()).isEqualTo(spec.nodes() == 6_000);
      Set<IpAddress> seen = new HashSet<>();
      for (io.github.aksreach.k8s.model.Node n : s.kubernetes().nodes()) {
        IpAddress ip = n.internalIps().get(0);
        assertThat(seen.add(ip)).as("%s: node address %s given twice", spec, ip).isTrue();
        int pool = n.name().startsWith("aks-system") ? 0 : n.name().startsWith("aks-ingress") ? 1
            : Integer.parseInt(n.name().substring(8, 10));
        assertThat(spec.poolSubnet(pool).contains(ip)).as("%s in its pool's subnet", ip).isTrue();
        assertThat(spec.nodeRange().contains(ip)).isTrue();
      }
      for (io.github.aksreach.k8s.model.Pod p : s.kubernetes().pods()) {
        if (!p.hostNetwork()) {
          IpAddress ip = p.podIps().get(0);
          assertThat(seen.add(ip)).as("%s: pod address %s given twice (%s)", spec, ip, p.key()).isTrue();
          assertThat(SyntheticAks.PODS.contains(ip)).isTrue();
        }
      }
    }
    assertThatThrownBy(() -> SyntheticAks.Spec.of(90_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodes per pool");
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }
}
