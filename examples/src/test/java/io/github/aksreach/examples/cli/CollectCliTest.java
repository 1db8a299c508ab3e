package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aksreach.examples.cli.CliTest.Run;
import io.github.aksreach.examples.lab.LabScenarios;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aksreach collect} against stub {@code az} and {@code kubectl} (bash, the whole {@code PATH}) that replay the
 * lab cluster's outputs: the written directory loads and answers as the lab does; a missing tool, a failing
 * command, absent or unreadable CRDs and a context for another cluster are reported as the contract says.
 */
class CollectCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RG = "rg-aks";
  private static final String NAME = "aks-lab";
  private static final String NODE_RG = "MC_rg-aks_aks-lab_westeurope";
  private static final Path LAB = LabScenarios.directory("step4-cluster-nsgs-nodes");
  private static final String HTTP_QUESTION = "--to 192.168.0.22:80/tcp --host demoapi.eyskens.corp --path "
      + "/weatherforecast";

  @BeforeEach
  void bash() {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the stub tools are bash scripts");
    CollectCommand.clock = Clock.fixed(Instant.parse("2026-12-02T15:00:00Z"), ZoneOffset.UTC);
  }

  @AfterEach
  void reset() {
    CollectCommand.environment = Map.of();
    CollectCommand.clock = Clock.systemUTC();
  }

  /** Stub tools in {@code bin/} (the whole PATH) replaying the recordings of {@code rec/}. */
  static final class Stubs {
    final Path bin;
    final Path rec;
    private int n;

    Stubs(Path dir) throws IOException {
      bin = Files.createDirectories(dir.resolve("bin"));
      rec = Files.createDirectories(dir.resolve("rec"));
      Files.writeString(rec.resolve("manifest.tsv"), "");
      byte[] script;
      try (InputStream in = CollectCliTest.class.getResourceAsStream("/collect/stub-tool.sh")) {
        script = in.readAllBytes();
      }
      for (String tool : List.of("az", "kubectl")) {
        Path p = Files.write(bin.resolve(tool), script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }

    Stubs on(List<String> argv, int exit, String stdout, String stderr) throws IOException {
      n++;
      String out = stdout == null ? "-" : n + ".out";
      String err = stderr == null ? "-" : n + ".err";
      if (stdout != null) {
        Files.writeString(rec.resolve(out), stdout);
      }
      if (stderr != null) {
        Files.writeString(rec.resolve(err), stderr);
      }
      Files.writeString(rec.resolve("manifest.tsv"), String.join("\u001f", argv) + "\t" + exit + "\t" + out + "\t"
          + err + "\n", java.nio.file.StandardOpenOption.APPEND);
      return this;
    }

    Stubs ok(List<String> argv, String stdout) throws IOException {
      return on(argv, 0, stdout, null);
    }

    Stubs without(String tool) throws IOException {
      Files.delete(bin.resolve(tool));
      return this;
    }

    void use() {
      CollectCommand.environment = Map.of("PATH", bin.toString(), "STUB_RECORDINGS", rec.toString());
    }

    /** Every call the stubs received, as argument arrays. */
    List<List<String>> calls() throws IOException {
      Path log = rec.resolve("calls.log");
      if (!Files.exists(log)) {
        return List.of();
      }
      return Files.readAllLines(log).stream().map(l -> List.of(l.split("\u001f", -1))).collect(Collectors.toList());
    }
  }

  /** The lab cluster (step 4) as az and kubectl print it, for {@code --subscription sub} and {@code --context ctx}. */
  static final class Lab {
    final Optional<String> sub;
    final Optional<String> ctx;

    Lab(Optional<String> sub, Optional<String> ctx) {
      this.sub = sub;
      this.ctx = ctx;
    }

    List<String> az(String... args) {
      List<String> l = new ArrayList<>(List.of("az"));
      l.addAll(List.of(args));
      l.addAll(List.of("--output", "json"));
      sub.ifPresent(s -> l.add("--subscription=" + s));
      return l;
    }

    List<String> kubectl(String... args) {
      List<String> l = new ArrayList<>(List.of("kubectl"));
      l.addAll(List.of(args));
      ctx.ifPresent(c -> l.add("--context=" + c));
      return l;
    }

    static String kubeconfig(String context, String server) {
      return "{\"kind\": \"Config\", \"apiVersion\": \"v1\", \"preferences\": {}, \"clusters\": [{\"name\": \"" + context
          + "\", \"cluster\": {\"server\": \"" + server + "\", \"certificate-authority-data\": \"DATA+OMITTED\"}}],"
          + " \"users\": [{\"name\": \"clusterUser_rg-aks_aks-lab\", \"user\": {\"token\": \"REDACTED\"}}],"
          + " \"contexts\": [{\"name\": \"" + context + "\", \"context\": {\"cluster\": \"" + context + "\", \"user\":"
          + " \"clusterUser_rg-aks_aks-lab\"}}], \"current-context\": \"" + context + "\"}";
    }

    /** Records everything up to and including {@code kubectl config view}. */
    Stubs head(Stubs s, String server) throws IOException {
      s.ok(List.of("az", "version", "--output", "json"), "{\n  \"azure-cli\": \"2.67.0\",\n  \"azure-cli-core\": "
          + "\"2.67.0\",\n  \"azure-cli-telemetry\": \"1.1.0\",\n  \"extensions\": {}\n}");
      s.ok(List.of("kubectl", "version", "--client", "--output=json"), "{\n  \"clientVersion\": {\n    \"major\": \"1\","
          + "\n    \"minor\": \"31\",\n    \"gitVersion\": \"v1.31.2\",\n    \"platform\": \"linux/amd64\"\n  },\n"
          + "  \"kustomizeVersion\": \"v5.4.2\"\n}");
      s.ok(az("aks", "show", "--resource-group=" + RG, "--name=" + NAME), read(LAB.resolve("azure/aks.json")));
      s.ok(kubectl("config", "view", "--minify", "--output=json"), kubeconfig(ctx.orElse(NAME), server));
      return s;
    }

    /** Records the whole lab cluster; {@code apiResources} is what {@code kubectl api-resources} lists. */
    Stubs all(Stubs s, String apiResources) throws IOException {
      head(s, "https://aks-lab-rg-aks-000000-4f2c1a9e.hcp.westeurope.azmk8s.io:443");
      JsonNode nsgs = JSON.readTree(read(LAB.resolve("azure/nsgs.json")));
      JsonNode nics = JSON.readTree(read(LAB.resolve("azure/nics.json")));
      String g = "--resource-group=" + NODE_RG;
      s.ok(az("network", "vnet", "list", g), "[]");
      s.ok(az("network", "nsg", "list", g), inGroup(nsgs, NODE_RG).toPrettyString());
      s.ok(az("network", "route-table", "list", g), read(LAB.resolve("azure/routetables.json")));
      ArrayNode plainNics = JSON.createArrayNode();
      Map<String, ArrayNode> byVmss = new LinkedHashMap<>();
      for (JsonNode nic : inGroup(nics, NODE_RG)) {
        String id = nic.path("id").asText();
        int i = id.indexOf("/virtualMachineScaleSets/");
        if (i < 0) {
          plainNics.add(nic);
        } else {
          String vmss = id.substring(i + 25, id.indexOf('/', i + 25));
          byVmss.computeIfAbsent(vmss, k -> JSON.createArrayNode()).add(nic);
        }
      }
      s.ok(az("network", "nic", "list", g), plainNics.toPrettyString());
      ArrayNode scaleSets = JSON.createArrayNode();
      for (String vmss : byVmss.keySet()) {
        scaleSets.addObject().put("id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/" + NODE_RG
            + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + vmss).put("location", "westeurope")
            .put("name", vmss).put("resourceGroup", NODE_RG).put("type", "Microsoft.Compute/virtualMachineScaleSets");
        s.ok(az("vmss", "nic", "list", g, "--vmss-name=" + vmss), byVmss.get(vmss).toPrettyString());
      }
      s.ok(az("vmss", "list", g), scaleSets.toPrettyString());
      s.ok(az("network", "lb", "list", g), "[]");
      s.ok(az("network", "public-ip", "list", g), "[]");
      JsonNode vnet = JSON.readTree(read(LAB.resolve("azure/vnet.json")));
      s.ok(List.of("az", "network", "vnet", "show", "--ids=" + vnet.path("id").asText(), "--output", "json"),
          vnet.toPrettyString());
      for (JsonNode nsg : nsgs) {
        if (nsg.path("resourceGroup").asText().equals(RG)) {
          s.ok(List.of("az", "network", "nsg", "show", "--ids=" + nsg.path("id").asText(), "--output", "json"),
              nsg.toPrettyString());
        }
      }
      s.ok(az("network", "list-service-tags", "--location=westeurope"), resource("list-service-tags-westeurope.json"));
      s.ok(kubectl("api-resources", "--output=name"), apiResources);
      s.ok(kubectl("get", Collector.CORE_KINDS, "--all-namespaces", "--output=json"), kubernetesList());
      return s;
    }

    private static ArrayNode inGroup(JsonNode list, String group) {
      ArrayNode out = JSON.createArrayNode();
      list.forEach(x -> {
        if (x.path("resourceGroup").asText().equals(group)) {
          out.add(x);
        }
      });
      return out;
    }

    /** Every object of the lab's k8s/ files as one {@code kubectl get ... -o json} List. */
    private static String kubernetesList() throws IOException {
      ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1");
      ArrayNode items = list.putArray("items");
      list.put("kind", "List");
      list.putObject("metadata").put("resourceVersion", "");
      try (Stream<Path> files = Files.list(LAB.resolve("k8s"))) {
        for (Path f : files.sorted().collect(Collectors.toList())) {
          new YAMLMapper().readTree(f.toFile()).path("items").forEach(items::add);
        }
      }
      return list.toPrettyString();
    }
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = CollectCliTest.class.getResourceAsStream("/collect/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode collectJson(Path out) throws IOException {
    return JSON.readTree(out.resolve("collect.json").toFile());
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .collect(Collectors.toList());
    }
  }

  private static String[] args(String line) {
    return Batch.words(line).get().toArray(String[]::new);
  }

  @Test
  void theCollectedLabLoadsAndAnswersAsTheLabDoes(@TempDir Path tmp) throws Exception {
    Lab lab = new Lab(Optional.empty(), Optional.empty());
    Stubs s = lab.all(new Stubs(tmp.resolve("stubs")), resource("api-resources.txt"));
    s.use();
    Path out = tmp.resolve("snap");
    Run r = CliTest.run("collect", "--resource-group", RG, "--name", NAME, "--output", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("az aks show --resource-group=rg-aks --name=aks-lab --output json  (exit 0, 0.0 s ->"
        + " azure/aks.json)").contains("skipped httproutes.gateway.networking.k8s.io: its CRD is not installed")
        .contains("wrote " + out + ": 15 azure/ and 1 k8s/ files, 21 commands, 7 skipped").contains("next: aksreach lint " + out);
    assertThat(tree(out)).containsExactly("azure/aks.json", "azure/lbs.json", "azure/nics.json",
        "azure/nsg-nsg-ingress.json", "azure/nsg-nsg-system.json", "azure/nsg-nsg-user.json", "azure/nsgs.json",
        "azure/public-ips.json", "azure/route-tables.json", "azure/service-tags-westeurope.json",
        "azure/vmss-nics-aks-ingress-41831646-vmss.json", "azure/vmss-nics-aks-nodepool1-41831646-vmss.json",
        "azure/vmss-nics-aks-user-28786594-vmss.json", "azure/vnet-vnet-aks-lab.json", "azure/vnets.json", "collect.json",
        "k8s/cluster.json");
    assertThat(read(out.resolve("azure/aks.json")).strip()).isEqualTo(read(LAB.resolve("azure/aks.json")).strip());

    JsonNode c = collectJson(out);
    assertThat(c.path("status").asText()).isEqualTo("complete");
    assertThat(c.path("startedAt").asText()).isEqualTo("2026-12-02T15:00:00Z");
    assertThat(c.at("/tools/az/version").asText()).isEqualTo("2.67.0");
    assertThat(c.at("/tools/az/path").asText()).isEqualTo(s.bin.resolve("az").toString());
    assertThat(c.at("/tools/kubectl/version").asText()).isEqualTo("v1.31.2");
    assertThat(c.at("/cluster/nodeResourceGroup").asText()).isEqualTo(NODE_RG);
    assertThat(c.at("/cluster/location").asText()).isEqualTo("westeurope");
    assertThat(c.at("/kubectl/context").asText()).isEqualTo(NAME);
    assertThat(c.at("/kubectl/serverMatchesCluster").asBoolean()).isTrue();
    assertThat(c.at("/load/loads").asBoolean()).isTrue();
    List<List<String>> recorded = new ArrayList<>();
    for (JsonNode cmd : c.path("commands")) {
      assertThat(cmd.path("exitCode").asInt()).isZero();
      List<String> argv = new ArrayList<>();
      cmd.path("command").forEach(a -> argv.add(a.asText()));
      recorded.add(argv);
    }
    assertThat(recorded).isEqualTo(s.calls()).hasSize(21);
    assertThat(c.path("skipped")).hasSize(7);
    for (JsonNode skip : c.path("skipped")) {
      assertThat(Collector.CRD_KINDS).contains(skip.path("what").asText());
      assertThat(skip.path("reason").asText()).isEqualTo("its CRD is not installed (kubectl api-resources does not "
          + "list it)");
    }

    // the collected cluster answers the article's question as the lab's hand-made dump does
    Run check = CliTest.run(args("check " + out + " --from 192.168.1.4:50326 " + HTTP_QUESTION + " --format json"));
    assertThat(check.exit()).isZero();
    JsonNode j = check.json();
    assertThat(j.at("/verdict").asText()).isEqualTo("SOMETIMES");
    assertThat(j.at("/deliveredFraction").decimalValue()).isEqualByComparingTo("0.3333");
    assertThat(j.at("/paths")).hasSize(3);
    List<String> drops = new ArrayList<>();
    j.at("/paths").forEach(p -> drops.add(p.at("/droppedAt/element").asText() + " " + p.at("/droppedAt/rule").asText()));
    assertThat(drops).contains("nsg-user (subnet user) DenyAllCustom", "nsg-system (subnet system) DenyAllCustom");
    Run reachCollected = CliTest.run(args("reach " + out + " " + HTTP_QUESTION + " --format json"));
    Run reachLab = CliTest.run(args("reach " + LAB + " " + HTTP_QUESTION + " --format json"));
    assertThat(reachCollected.json()).isEqualTo(reachLab.json());
    assertThat(CliTest.run("health", out.toString(), "--format", "json").json())
        .isEqualTo(CliTest.run("health", LAB.toString(), "--format", "json").json());
  }

  @Test
  void subscriptionAndContextGoToEveryCommand(@TempDir Path tmp) throws Exception {
    Lab lab = new Lab(Optional.of("sub-1"), Optional.of("aks-lab-admin"));
    Stubs s = lab.all(new Stubs(tmp.resolve("stubs")), resource("api-resources.txt"));
    s.use();
    Path out = tmp.resolve("snap");
    Run r = CliTest.run("collect", "-g", RG, "-n", NAME, "--subscription", "sub-1", "--context", "aks-lab-admin", "-o",
        out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    for (List<String> call : s.calls()) {
      boolean byId = call.stream().anyMatch(a -> a.startsWith("--ids="));
      if (call.get(0).equals("az") && !call.get(1).equals("version") && !byId) {
        assertThat(call).endsWith("--subscription=sub-1");
      } else if (call.get(0).equals("kubectl") && !call.get(1).equals("version")) {
        assertThat(call).endsWith("--context=aks-lab-admin");
      }
    }
    assertThat(collectJson(out).at("/cluster/subscription").asText()).isEqualTo("sub-1");
    assertThat(collectJson(out).at("/kubectl/context").asText()).isEqualTo("aks-lab-admin");
  }

  @Test
  void aMissingToolIsNamedAndNothingRuns(@TempDir Path tmp) throws Exception {
    Stubs s = new Stubs(tmp.resolve("stubs")).without("az");
    s.use();
    Path out = tmp.resolve("snap");
    Run r = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", out.toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().lines().findFirst()).hasValue("aksreach collect: az is not on the PATH: collect runs az (the "
        + "Azure CLI, logged in: az login) and kubectl (with the cluster's credentials: az aks get-credentials)");
    assertThat(s.calls()).isEmpty();
    assertThat(tree(out)).containsExactly("collect.json");
    assertThat(collectJson(out).path("status").asText()).isEqualTo("failed");
    assertThat(collectJson(out).at("/failure/message").asText()).startsWith("az is not on the PATH");

    new Stubs(tmp.resolve("none")).without("az").without("kubectl").use();
    Run both = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", tmp.resolve("snap2").toString());
    assertThat(both.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(both.err()).startsWith("aksreach collect: az and kubectl are not on the PATH");
  }

  @Test
  void aFailingCommandStopsWithItsExitCodeAndFirstStderrLine(@TempDir Path tmp) throws Exception {
    Lab lab = new Lab(Optional.empty(), Optional.empty());
    Stubs s = new Stubs(tmp.resolve("stubs"));
    s.ok(List.of("az", "version", "--output", "json"), "{\"azure-cli\": \"2.67.0\"}");
    s.ok(List.of("kubectl", "version", "--client", "--output=json"), "{\"clientVersion\": {\"gitVersion\": \"v1.31.2\"}}");
    s.on(lab.az("aks", "show", "--resource-group=" + RG, "--name=nope"), 3, null, "\nERROR: (ResourceNotFound) The "
        + "Resource 'Microsoft.ContainerService/managedClusters/nope' under resource group 'rg-aks' was not found.\n"
        + "Code: ResourceNotFound");
    s.use();
    Path out = tmp.resolve("snap");
    Run r = CliTest.run("collect", "-g", RG, "-n", "nope", "-o", out.toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().lines().collect(Collectors.toList())).containsExactly(
        "aksreach collect: az aks show --resource-group=rg-aks --name=nope --output json failed with exit code 3: "
            + "ERROR: (ResourceNotFound) The Resource 'Microsoft.ContainerService/managedClusters/nope' under resource "
            + "group 'rg-aks' was not found.",
        "aksreach collect: stopped; " + out.resolve("collect.json") + " records what ran (no scenario files were "
            + "written)");
    assertThat(tree(out)).containsExactly("collect.json");
    JsonNode c = collectJson(out);
    assertThat(c.path("status").asText()).isEqualTo("failed");
    assertThat(c.at("/failure/exitCode").asInt()).isEqualTo(3);
    assertThat(c.at("/failure/command/1").asText()).isEqualTo("aks");
    assertThat(c.at("/failure/stderr").asText()).startsWith("ERROR: (ResourceNotFound)");
    assertThat(c.path("commands")).hasSize(3);
    assertThat(c.at("/commands/2/exitCode").asInt()).isEqualTo(3);
  }

  @Test
  void crdKindsAreReadWhenInstalledAndSkippedWithTheReasonOtherwise(@TempDir Path tmp) throws Exception {
    Lab lab = new Lab(Optional.empty(), Optional.empty());
    String apis = resource("api-resources.txt") + "gatewayclasses.gateway.networking.k8s.io\n"
        + "gateways.gateway.networking.k8s.io\nhttproutes.gateway.networking.k8s.io\n"
        + "referencegrants.gateway.networking.k8s.io\nauthorizationpolicies.security.istio.io\n"
        + "gateways.networking.istio.io\napplicationloadbalancers.alb.networking.azure.io\n";
    Stubs s = lab.all(new Stubs(tmp.resolve("stubs")), apis);
    String empty = "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n"
        + "        \"resourceVersion\": \"\"\n    }\n}";
    s.ok(lab.kubectl("get", "gatewayclasses.gateway.networking.k8s.io", "--all-namespaces", "--output=json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"metadata\": {\"resourceVersion\": \"\"}, \"items\": [{\"apiVersion\":"
            + " \"gateway.networking.k8s.io/v1\", \"kind\": \"GatewayClass\", \"metadata\": {\"name\": \"istio\"}, \"spec\":"
            + " {\"controllerName\": \"istio.io/gateway-controller\"}}]}");
    s.ok(lab.kubectl("get", "gateways.gateway.networking.k8s.io", "--all-namespaces", "--output=json"), empty);
    s.ok(lab.kubectl("get", "httproutes.gateway.networking.k8s.io", "--all-namespaces", "--output=json"), empty);
    s.ok(lab.kubectl("get", "referencegrants.gateway.networking.k8s.io", "--all-namespaces", "--output=json"), empty);
    s.on(lab.kubectl("get", "authorizationpolicies.security.istio.io", "--all-namespaces", "--output=json"), 1, null,
        "Error from server (Forbidden): authorizationpolicies.security.istio.io is forbidden: User \"alice\" cannot list"
            + " resource \"authorizationpolicies\" in API group \"security.istio.io\" at the cluster scope");
    // Application Gateway for Containers: its association subnet is the lab's ingress subnet
    s.ok(lab.kubectl("get", "applicationloadbalancers.alb.networking.azure.io", "--all-namespaces", "--output=json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"metadata\": {\"resourceVersion\": \"\"}, \"items\": [{\"apiVersion\":"
            + " \"alb.networking.azure.io/v1\", \"kind\": \"ApplicationLoadBalancer\", \"metadata\": {\"name\": \"alb-test\","
            + " \"namespace\": \"alb-infra\"}, \"spec\": {\"associations\": [\"/subscriptions/00000000-0000-0000-0000-"
            + "000000000000/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks-lab/subnets/"
            + "ingress\"]}}]}");
    s.use();
    Path out = tmp.resolve("snap");
    Run r = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(tree(out)).contains("k8s/cluster.json", "k8s/gatewayclasses.json", "k8s/gateways.json",
        "k8s/httproutes.json", "k8s/referencegrants.json", "k8s/applicationloadbalancers.json").doesNotContain("k8s/authorizationpolicies.json",
        "k8s/grpcroutes.json");
    Map<String, String> skipped = new LinkedHashMap<>();
    collectJson(out).path("skipped").forEach(x -> skipped.put(x.path("what").asText(), x.path("reason").asText()));
    assertThat(skipped).containsOnlyKeys("grpcroutes.gateway.networking.k8s.io",
        "authorizationpolicies.security.istio.io");
    assertThat(skipped.get("grpcroutes.gateway.networking.k8s.io")).startsWith("its CRD is not installed");
    assertThat(skipped.get("authorizationpolicies.security.istio.io")).isEqualTo("kubectl get "
        + "authorizationpolicies.security.istio.io --all-namespaces --output=json failed with exit code 1: Error from "
        + "server (Forbidden): authorizationpolicies.security.istio.io is forbidden: User \"alice\" cannot list resource"
        + " \"authorizationpolicies\" in API group \"security.istio.io\" at the cluster scope");
    assertThat(r.out()).contains("skipped authorizationpolicies.security.istio.io: kubectl get");
    assertThat(collectJson(out).at("/load/loads").asBoolean()).isTrue();
    assertThat(CliTest.run("lint", out.toString(), "--format", "json").exit()).isNotEqualTo(Main.BAD_INPUT);
    // the collected ApplicationLoadBalancer is read, with its association subnet
    assertThat(io.github.aksreach.k8s.aks.AksReachability.load(out).get().network().kubernetes()
        .applicationLoadBalancer("alb-infra", "alb-test").map(a -> a.associations().toString()))
        .hasValueSatisfying(a -> assertThat(a).contains("vnet-aks-lab/subnets/ingress"));
  }

  @Test
  void withoutDiscoveryEveryCrdKindIsSkippedWithTheReason(@TempDir Path tmp) throws Exception {
    Lab lab = new Lab(Optional.empty(), Optional.empty());
    Stubs s = new Stubs(tmp.resolve("stubs"));
    // api-resources is recorded first: the stub replays the first recording of an argument list
    s.on(lab.kubectl("api-resources", "--output=name"), 1, null, "error: You must be logged in to the server "
        + "(Unauthorized)");
    lab.all(s, "unused");
    s.use();
    Path out = tmp.resolve("snap");
    Run r = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode skipped = collectJson(out).path("skipped");
    assertThat(skipped).hasSize(7);
    assertThat(skipped.get(0).path("reason").asText()).isEqualTo("kubectl api-resources failed (exit 1: error: You "
        + "must be logged in to the server (Unauthorized)): whether its CRD is installed is unknown");
  }

  @Test
  void aContextForAnotherClusterIsRefusedUnlessAllowed(@TempDir Path tmp) throws Exception {
    Lab lab = new Lab(Optional.empty(), Optional.empty());
    Stubs s = lab.head(new Stubs(tmp.resolve("stubs")), "https://prod-eu-1a2b3c.hcp.westeurope.azmk8s.io:443");
    s.use();
    Run r = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", tmp.resolve("snap").toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err().lines().findFirst()).hasValue("aksreach collect: kubectl context aks-lab points at "
        + "https://prod-eu-1a2b3c.hcp.westeurope.azmk8s.io:443, not at cluster aks-lab "
        + "(aks-lab-rg-aks-000000-4f2c1a9e.hcp.westeurope.azmk8s.io, "
        + "aks-lab-rg-aks-000000-4f2c1a9e.portal.hcp.westeurope.azmk8s.io): pass its --context, or "
        + "--allow-context-mismatch if a proxy stands in between");
    Run allowed = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", tmp.resolve("snap2").toString(),
        "--allow-context-mismatch");
    // allowed, it goes on to the node resource group (not recorded here: the stub refuses with exit 97)
    assertThat(allowed.out()).contains("warning: kubectl context aks-lab points at");
    assertThat(allowed.err()).contains("az network vnet list --resource-group=MC_rg-aks_aks-lab_westeurope --output "
        + "json failed with exit code 97: stub az: no recording for:");
  }

  @Test
  void namesAreArgumentsNeverShellText(@TempDir Path tmp) throws Exception {
    Stubs s = new Stubs(tmp.resolve("stubs"));
    s.ok(List.of("az", "version", "--output", "json"), "{\"azure-cli\": \"2.67.0\"}");
    s.ok(List.of("kubectl", "version", "--client", "--output=json"), "{\"clientVersion\": {\"gitVersion\": \"v1.31.2\"}}");
    s.use();
    Path pwned = tmp.resolve("pwned");
    String rg = "rg; touch " + pwned;
    String name = "$(touch " + pwned + ")";
    Run r = CliTest.run("collect", "--resource-group", rg, "--name=-x", "--subscription", name, "-o",
        tmp.resolve("snap").toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(s.calls().get(2)).containsExactly("az", "aks", "show", "--resource-group=" + rg, "--name=-x",
        "--output", "json", "--subscription=" + name);
    assertThat(r.err()).contains("az aks show '--resource-group=rg; touch " + pwned + "' --name=-x --output json "
        + "'--subscription=$(touch " + pwned + ")' failed with exit code 97");
    assertThat(pwned).doesNotExist();
  }

  @Test
  void theOutputMustBeNewOrEmptyAndNamesPrintable(@TempDir Path tmp) throws Exception {
    new Stubs(tmp.resolve("stubs")).use();
    Path out = Files.createDirectories(tmp.resolve("snap"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    Run r = CliTest.run("collect", "-g", RG, "-n", NAME, "-o", out.toString());
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).startsWith("--output " + out + ": exists and is not an empty directory; give a new one");
    assertThat(read(out.resolve("keep.txt"))).isEqualTo("mine");
    Run bad = CliTest.run("collect", "-g", "rg\u001b[31m", "-n", NAME, "-o", tmp.resolve("x").toString());
    assertThat(bad.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(bad.err()).startsWith("--resource-group 'rg\\u001b[31m': empty, or holds control characters");
    Run usage = CliTest.run("collect", "-g", RG, "-o", tmp.resolve("y").toString());
    assertThat(usage.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(usage.err()).startsWith("Missing required option: '--name=<name>'");
  }
}
