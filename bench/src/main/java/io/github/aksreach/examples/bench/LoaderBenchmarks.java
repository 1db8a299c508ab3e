package io.github.aksreach.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.load.KubernetesLoader;
import io.github.aksreach.k8s.load.Loaded;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Kubernetes reader against a plain Jackson tree parse of the same text (issue 14: parsing within 1.5x): a
 * generated {@code kubectl get nodes,pods -o json} dump of {@code nodes} nodes with 5 pods each, copied from the
 * lab's real node and pod objects (every field kubectl writes), with distinct names and addresses.
 *
 * <pre>{@code
 * java -cp bench/target/aksreach-bench.jar org.openjdk.jmh.Main LoaderBenchmarks -f 1 -wi 5 -i 5
 * }</pre>
 *
 * <p>{@code jacksonTree} is {@code ObjectMapper.readTree} of the text; {@code load} is
 * {@link KubernetesLoader#loadString}: the same parse, every object read into the model with its provenance, the
 * cluster built and checked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoaderBenchmarks {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Param({"2000"})
  public int nodes;

  private String dump;
  private KubernetesLoader loader;

  @Setup
  public void setup() {
    dump = dump(nodes, 5);
    loader = KubernetesLoader.create();
    Validation<Seq<ModelError>, Loaded<KubernetesCluster>> l = loader.loadString("dump.json", dump);
    if (l.isInvalid() || l.get().value().nodes().size() != nodes) {
      throw new IllegalStateException("the generated dump does not load: " + (l.isInvalid() ? l.getError() : ""));
    }
  }

  @Benchmark
  public JsonNode jacksonTree() throws IOException {
    return JSON.readTree(dump);
  }

  @Benchmark
  public Object load() {
    return loader.loadString("dump.json", dump);
  }

  /** A kubectl JSON List of {@code nodes} nodes and {@code podsPerNode} pods on each. */
  public static String dump(int nodes, int podsPerNode) {
    try {
      Path k8s = LabScenarios.directory("step4-cluster-nsgs-nodes").resolve("k8s");
      YAMLMapper yaml = new YAMLMapper();
      JsonNode nodeTemplate = yaml.readTree(Files.readString(k8s.resolve("nodes.yaml"))).path("items").get(0);
      JsonNode podTemplate = yaml.readTree(Files.readString(k8s.resolve("pods.yaml"))).path("items").get(0);
      ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
      ArrayNode items = list.putArray("items");
      for (int n = 0; n < nodes; n++) {
        String name = "aks-gen-" + n + "-vmss";
        String ip = "10." + (64 + (n >> 16)) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
        ObjectNode node = nodeTemplate.deepCopy();
        ((ObjectNode) node.path("metadata")).put("name", name);
        ((ObjectNode) node.path("metadata").path("labels")).put("kubernetes.io/hostname", name);
        ArrayNode addresses = ((ObjectNode) node.path("status")).putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", ip);
        addresses.addObject().put("type", "Hostname").put("address", name);
        ((ObjectNode) node.path("spec")).remove("podCIDR");
        ((ObjectNode) node.path("spec")).remove("podCIDRs");
        items.add(node);
        for (int p = 0; p < podsPerNode; p++) {
          int k = n * podsPerNode + p;
          String podIp = "10." + (128 + (k >> 16)) + "." + (k >> 8 & 0xff) + "." + (k & 0xff);
          ObjectNode pod = podTemplate.deepCopy();
          ((ObjectNode) pod.path("metadata")).put("name", "app-" + k);
          ((ObjectNode) pod.path("spec")).put("nodeName", name);
          ObjectNode status = (ObjectNode) pod.path("status");
          status.put("podIP", podIp).put("hostIP", ip);
          status.putArray("podIPs").addObject().put("ip", podIp);
          items.add(pod);
        }
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
