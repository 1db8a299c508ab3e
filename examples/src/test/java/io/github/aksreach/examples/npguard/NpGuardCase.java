package io.github.aksreach.examples.npguard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aksreach.core.model.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One np-guard/netpol-analyzer test case (vendored unmodified under {@code src/test/resources/npguard}, listed in
 * {@code cases.tsv}) made into an aksreach scenario directory: np-guard analyses manifests and pod lists without a
 * cluster, so what a dump of a running cluster would add is added here, and nothing of the upstream objects is
 * changed but what a running pod has.
 *
 * <ul>
 *   <li>Every pod runs and is Ready on a node, and each of its containers has a name (a pod list np-guard reads may
 *       leave it out); a pod without an address gets one in 10.240.0.0/16 (a workload with no
 *       pod in the case, as np-guard does, gets one pod from its template, owned by it); a hostNetwork pod has its
 *       node's address. Nodes {@code npguard-node-N} at 10.224.0.N, or the pod's own {@code nodeName}.</li>
 *   <li>Every namespace a pod or policy names exists, and has the label {@code kubernetes.io/metadata.name} the API
 *       server sets.</li>
 *   <li>Azure CNI (pod addresses in the VNet: one subnet per /16 of them), no NSG, every outside range routed into the
 *       VNet ({@code network.routedIntoVnet: [0.0.0.0/0]}: np-guard abstracts routing away) and
 *       {@code networkPolicy: cilium}, whose CIDR rules do not select cluster endpoints, as np-guard's ipBlocks
 *       (external peers only) do not.</li>
 * </ul>
 *
 * <pre>{@code
 * NpGuardCase c = NpGuardCase.all(root).get(0);
 * Path dir = c.writeScenario(tmp);
 * }</pre>
 *
 * @param name the upstream case (its {@code tests/} directory)
 * @param root the vendored tree
 * @param expected the connlist file, relative to {@code root}
 * @param inputs the input files, relative to {@code root}
 */
record NpGuardCase(String name, Path root, String expected, List<String> inputs) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> WORKLOADS = Set.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet",
      "ReplicationController", "Job", "CronJob");

  /** The cases of {@code root/cases.tsv}. */
  static List<NpGuardCase> all(Path root) throws IOException {
    List<NpGuardCase> out = new ArrayList<>();
    for (String l : Files.readAllLines(root.resolve("cases.tsv"))) {
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\t");
      out.add(new NpGuardCase(f[0], root, f[1], List.of(f).subList(2, f.length)));
    }
    return out;
  }

  ConnList connList() throws IOException {
    return ConnList.parse(Files.readString(root.resolve(expected)));
  }

  /** The upstream objects, {@code *List} kinds flattened. */
  List<ObjectNode> objects() throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    for (String in : inputs) {
      try (var p = new YAMLFactory().createParser(root.resolve(in).toFile())) {
        for (var it = YAML.readValues(p, JsonNode.class); it.hasNext(); ) {
          flatten(it.next(), out);
        }
      }
    }
    return out;
  }

  /** A {@code PodList}'s items have no kind of their own (the API server's list shape): they are its Pods. */
  private static void flatten(JsonNode n, List<ObjectNode> out) {
    String kind = n.path("kind").asText("");
    if (n instanceof ObjectNode o && kind.endsWith("List")) {
      for (JsonNode i : o.path("items")) {
        if (i instanceof ObjectNode item && !item.has("kind") && kind.length() > "List".length()) {
          item.put("kind", kind.substring(0, kind.length() - "List".length()));
        }
        flatten(i, out);
      }
    } else if (n instanceof ObjectNode o && o.has("kind")) {
      out.add(o);
    }
  }

  /** The pods of this case, each with its np-guard workload name ({@code ns/owner}, else {@code ns/pod}). */
  record PodOf(String workload, ObjectNode pod) {
    String ip() {
      return pod.path("status").path("podIP").asText();
    }

    boolean hostNetwork() {
      return pod.path("spec").path("hostNetwork").asBoolean(false);
    }
  }

  /** Writes the scenario directory (k8s/, azure/, scenario.yaml) under {@code dir}; returns the pods placed. */
  List<PodOf> writeScenario(Path dir) throws IOException {
    List<ObjectNode> objs = objects();
    List<ObjectNode> pods = new ArrayList<>();
    List<ObjectNode> rest = new ArrayList<>();
    for (ObjectNode o : objs) {
      String kind = o.path("kind").asText();
      (kind.equals("Pod") ? pods : rest).add(o);
    }
    if (pods.isEmpty()) {
      for (ObjectNode w : objs) {
        if (WORKLOADS.contains(w.path("kind").asText())) {
          pods.add(podOf(w));
        }
      }
    }
    Map<String, String> nodes = new LinkedHashMap<>();
    Set<String> taken = new LinkedHashSet<>();
    List<PodOf> placed = new ArrayList<>();
    int next = 0;
    for (ObjectNode p : pods) {
      ObjectNode meta = (ObjectNode) p.with("metadata");
      if (!meta.has("namespace")) {
        meta.put("namespace", "default");
      }
      ObjectNode spec = (ObjectNode) p.with("spec");
      String node = spec.path("nodeName").asText("");
      if (node.isEmpty()) {
        node = "npguard-node-" + (placed.size() % 3);
        spec.put("nodeName", node);
      }
      // a container the API server admitted has a name
      int index = 0;
      for (JsonNode ct : spec.path("containers")) {
        if (ct instanceof ObjectNode c && !c.hasNonNull("name")) {
          c.put("name", "container-" + index);
        }
        index++;
      }
      String nodeName = node;
      String nodeIp = nodes.computeIfAbsent(nodeName, k -> "10.224.0." + (nodes.size() + 4));
      String ip = p.path("status").path("podIP").asText("");
      if (spec.path("hostNetwork").asBoolean(false)) {
        ip = nodeIp;
      } else if (ip.isEmpty() || ip.contains(":") || !taken.add(ip)) {
        do {
          ip = "10.240." + (next / 250) + "." + (next % 250 + 4);
          next++;
        } while (!taken.add(ip));
      }
      ObjectNode status = JSON.createObjectNode();
      status.put("phase", "Running").put("hostIP", nodeIp).put("podIP", ip);
      status.putArray("podIPs").addObject().put("ip", ip);
      ArrayNode conds = status.putArray("conditions");
      conds.addObject().put("type", "Ready").put("status", "True");
      p.set("status", status);
      JsonNode owner = meta.path("ownerReferences").path(0).path("name");
      String ns = meta.path("namespace").asText();
      placed.add(new PodOf(ns + "/" + (owner.isMissingNode() ? meta.path("name").asText() : owner.asText()), p));
    }
    ArrayNode items = JSON.createArrayNode();
    Set<String> namespaces = new LinkedHashSet<>();
    for (ObjectNode o : rest) {
      if (o.path("kind").asText().equals("Namespace")) {
        String n = o.path("metadata").path("name").asText();
        namespaces.add(n);
        ((ObjectNode) o.with("metadata").with("labels")).put("kubernetes.io/metadata.name", n);
      }
    }
    List<ObjectNode> all = new ArrayList<>(rest);
    all.addAll(pods);
    for (ObjectNode o : all) {
      String ns = o.path("metadata").path("namespace").asText("default");
      if (!o.path("kind").asText().equals("Namespace") && namespaces.add(ns)) {
        ObjectNode n = items.addObject().put("apiVersion", "v1").put("kind", "Namespace");
        n.putObject("metadata").put("name", ns).putObject("labels").put("kubernetes.io/metadata.name", ns);
      }
    }
    for (Map.Entry<String, String> n : nodes.entrySet()) {
      ObjectNode node = items.addObject().put("apiVersion", "v1").put("kind", "Node");
      node.putObject("metadata").put("name", n.getKey());
      ObjectNode st = node.putObject("status");
      st.putArray("addresses").addObject().put("type", "InternalIP").put("address", n.getValue());
      st.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
      st.putObject("nodeInfo").put("kubeletVersion", "v1.29.4");
    }
    all.forEach(items::add);
    ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    list.set("items", items);
    Files.createDirectories(dir.resolve("k8s"));
    Files.createDirectories(dir.resolve("azure"));
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("k8s/cluster.json").toFile(), list);
    Files.writeString(dir.resolve("azure/vnet.json"), vnet(taken, nodes.values()));
    Files.writeString(dir.resolve("scenario.yaml"), "cluster:\n  networkPlugin: azure\n  kubernetesVersion: \"1.29\"\n"
        + "  networkPolicy: cilium\nnetwork:\n  routedIntoVnet: [0.0.0.0/0]\n");
    return placed;
  }

  /** A pod from a workload's template, owned by it (np-guard analyses a workload as one pod of its template). */
  private static ObjectNode podOf(ObjectNode w) {
    JsonNode template = w.path("kind").asText().equals("CronJob")
        ? w.path("spec").path("jobTemplate").path("spec").path("template") : w.path("spec").path("template");
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    String name = w.path("metadata").path("name").asText();
    meta.put("name", name + "-npguard");
    meta.put("namespace", w.path("metadata").path("namespace").asText("default"));
    if (template.path("metadata").has("labels")) {
      meta.set("labels", template.path("metadata").path("labels").deepCopy());
    }
    meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", w.path("kind").asText())
        .put("name", name).put("controller", true);
    pod.set("spec", template.path("spec").isObject() ? template.path("spec").deepCopy() : JSON.createObjectNode());
    return pod;
  }

  /** {@code az network vnet show}: one subnet per /16 holding a pod or node address. */
  private static String vnet(Set<String> podIps, java.util.Collection<String> nodeIps) throws IOException {
    Set<String> prefixes = new LinkedHashSet<>();
    for (String ip : podIps) {
      prefixes.add(slash16(ip));
    }
    nodeIps.forEach(ip -> prefixes.add(slash16(ip)));
    String sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-npguard/providers/"
        + "Microsoft.Network/virtualNetworks/vnet-npguard";
    ObjectNode v = JSON.createObjectNode().put("id", sub).put("name", "vnet-npguard").put("location", "westeurope")
        .put("resourceGroup", "rg-npguard").put("type", "Microsoft.Network/virtualNetworks");
    ArrayNode space = v.putObject("addressSpace").putArray("addressPrefixes");
    ArrayNode subnets = v.putArray("subnets");
    int i = 0;
    for (String p : prefixes) {
      space.add(p);
      subnets.addObject().put("id", sub + "/subnets/s" + i).put("name", "s" + i).put("addressPrefix", p)
          .put("type", "Microsoft.Network/virtualNetworks/subnets");
      i++;
    }
    v.putArray("virtualNetworkPeerings");
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(v);
  }

  private static String slash16(String ip) {
    long v = IpAddress.of(ip).v4Value() & 0xFFFF0000L;
    return IpAddress.v4(v) + "/16";
  }
}
