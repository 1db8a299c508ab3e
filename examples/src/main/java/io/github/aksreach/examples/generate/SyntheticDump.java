package io.github.aksreach.examples.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.EndpointSlice;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Namespace;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.ScenarioConfig;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link SyntheticAks} cluster (or any scenario of the same features) as a scenario directory on disk, in
 * the shapes users dump: {@code k8s/*.json} as {@code kubectl get ... -o json} Lists (namespaces, nodes, pods,
 * services, endpointslices, ingresses with their class and the controller's ConfigMap), {@code azure/*.json} as the
 * az CLI prints them (the VNet with its subnets and peering, {@code az network nsg list} with default rules,
 * {@code az network nic list}, the service tags), and {@code scenario.yaml}. Deterministic: the same spec writes the
 * same bytes. Loading the directory gives a scenario that answers every question as the in-memory one does
 * ({@code SyntheticDumpTest} runs both through the CLI).
 *
 * <pre>{@code
 * SyntheticDump.write(SyntheticAks.generate(SyntheticAks.Spec.of(50_000)), Path.of("/tmp/aks-50000"));
 * // or from a shell, with the jar:
 * //   java -cp examples/target/aksreach.jar io.github.aksreach.examples.generate.SyntheticDump 50000 /tmp/aks-50000
 * //   bin/aksreach reach /tmp/aks-50000 --to 10.238.0.10:80 --host app-00.synth.corp --path /api
 * }</pre>
 */
public final class SyntheticDump {
  private static final JsonFactory JSON = new JsonFactory();

  private SyntheticDump() {}

  /**
   * Writes the synthetic cluster of {@code nodes} nodes ({@link SyntheticAks.Spec#of(int)}) into {@code dir}.
   *
   * <p>Usage: {@code SyntheticDump <nodes> <directory>}; the directory is created and must not hold a scenario yet.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SyntheticDump <nodes: a multiple of 10, at least 50> <directory>");
      System.exit(2);
    }
    int nodes;
    try {
      nodes = Integer.parseInt(args[0]);
      SyntheticAks.Spec spec = SyntheticAks.Spec.of(nodes);
      Path dir = Path.of(args[1]);
      write(SyntheticAks.generate(spec), dir);
      System.err.println("wrote " + nodes + " nodes to " + dir);
    } catch (IllegalArgumentException e) {
      System.err.println("SyntheticDump: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Writes {@code s} into {@code dir} ({@code k8s/}, {@code azure/}, {@code scenario.yaml}).
   *
   * @throws IllegalArgumentException when {@code dir} already holds a scenario, or {@code s} uses a feature this
   *     writer does not write (it never writes a scenario without it)
   */
  public static void write(Scenario s, Path dir) throws IOException {
    if (Files.exists(dir.resolve("k8s")) || Files.exists(dir.resolve("azure"))
        || Files.exists(dir.resolve("scenario.yaml"))) {
      throw new IllegalArgumentException(dir + " already holds a scenario");
    }
    KubernetesCluster k = s.kubernetes();
    KubectlJson.refuse(!k.networkPolicies().isEmpty() || !k.workloads().isEmpty() || !k.gatewayClasses().isEmpty()
        || !k.gateways().isEmpty() || !k.httpRoutes().isEmpty() || !k.grpcRoutes().isEmpty()
        || !k.referenceGrants().isEmpty() || !k.authorizationPolicies().isEmpty()
        || !k.applicationLoadBalancers().isEmpty(), "network policies, workloads and Gateway API objects are not"
        + " written");
    KubectlJson.refuse(s.aks().isPresent() || !s.azure().routeTables().isEmpty() || !s.azure().asgs().isEmpty()
        || !s.azure().loadBalancers().isEmpty() || !s.azure().publicIps().isEmpty(),
        "az aks show, route tables, ASGs, load balancers and public IPs are not written");
    Path k8s = Files.createDirectories(dir.resolve("k8s"));
    list(k8s.resolve("namespaces.json"), k.namespaces(), (w, n) -> w.namespace((Namespace) n));
    list(k8s.resolve("nodes.json"), k.nodes(), (w, n) -> w.node((Node) n));
    list(k8s.resolve("pods.json"), k.pods(), (w, p) -> w.pod((Pod) p));
    list(k8s.resolve("services.json"), k.services(), (w, x) -> w.service((Service) x));
    list(k8s.resolve("endpointslices.json"), k.endpointSlices(), (w, x) -> w.endpointSlice((EndpointSlice) x));
    try (JsonGenerator g = generator(k8s.resolve("ingresses.json"))) {
      KubectlJson w = new KubectlJson(g);
      w.startList();
      for (IngressClass c : k.ingressClasses()) {
        w.ingressClass(c);
      }
      for (Ingress i : k.ingresses()) {
        w.ingress(i);
      }
      for (ConfigMap c : k.configMaps()) {
        w.configMap(c);
      }
      w.endList();
    }
    AzureNetwork az = s.azure();
    Path azure = Files.createDirectories(dir.resolve("azure"));
    try (JsonGenerator g = generator(azure.resolve("vnet.json"))) {
      KubectlJson.refuse(az.vnets().size() != 1, "one VNet is written, not " + az.vnets().size());
      new AzJson(g).vnet(az.vnets().get(0));
    }
    try (JsonGenerator g = generator(azure.resolve("nsgs.json"))) {
      AzJson w = new AzJson(g);
      g.writeStartArray();
      for (NetworkSecurityGroup n : az.nsgs()) {
        w.nsg(n);
      }
      g.writeEndArray();
    }
    try (JsonGenerator g = generator(azure.resolve("nics.json"))) {
      AzJson w = new AzJson(g);
      g.writeStartArray();
      for (NetworkInterface n : az.nics()) {
        w.nic(n);
      }
      g.writeEndArray();
    }
    try (JsonGenerator g = generator(azure.resolve("servicetags.json"))) {
      new AzJson(g).serviceTags(az.serviceTags());
    }
    Files.writeString(dir.resolve("scenario.yaml"), scenarioYaml(s.name(), s.config()), StandardCharsets.UTF_8);
  }

  static String scenarioYaml(String name, ScenarioConfig c) {
    KubectlJson.refuse(c.probeMode().isPresent() || c.networkPolicy().isPresent()
        || c.noHealthyBackendsBehavior().isPresent() || c.deriveFromServices().isPresent()
        || c.networkPolicySeesSource().isPresent() || !c.intents().isEmpty() || !c.agcFrontends().isEmpty()
        || c.routedIntoVnet().isPresent(), "scenario.yaml: only networkPlugin, clusterNsg and kubernetesVersion"
        + " are written");
    StringBuilder y = new StringBuilder("# " + name + ", written by SyntheticDump\ncluster:\n");
    c.networkPlugin().ifPresent(p -> y.append("  networkPlugin: ").append(p.configName()).append('\n'));
    c.clusterNsg().ifPresent(n -> y.append("  clusterNsg: ").append(n).append('\n'));
    c.kubernetesVersion().ifPresent(v -> y.append("  kubernetesVersion: \"").append(v).append("\"\n"));
    return y.toString();
  }

  private interface Item {
    void write(KubectlJson w, Object o) throws IOException;
  }

  private static void list(Path file, List<?> objects, Item item) throws IOException {
    try (JsonGenerator g = generator(file)) {
      KubectlJson w = new KubectlJson(g);
      w.startList();
      for (Object o : objects) {
        item.write(w, o);
      }
      w.endList();
    }
  }

  private static JsonGenerator generator(Path file) throws IOException {
    Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    JsonGenerator g = JSON.createGenerator(out);
    g.useDefaultPrettyPrinter();
    return g;
  }
}
