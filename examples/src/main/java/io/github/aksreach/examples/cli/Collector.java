package io.github.aksreach.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksreach.k8s.load.CustomResourceKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The commands behind {@code aksreach collect}: what {@code az} and {@code kubectl} print about one AKS cluster, as
 * the files of a scenario directory (CONTRACTS.md section 1), and the record of every command run
 * ({@code collect.json}).
 *
 * <pre>{@code
 * Collector c = new Collector(ProcessRunner.system(Map.of(), Duration.ofMinutes(10)), Clock.systemUTC(),
 *     new Collector.Target("rg-aks", "aks-lab", Optional.empty(), Optional.empty(), false), System.out::println);
 * c.collect();             // throws Collector.Stop when a required command fails
 * c.files();               // [azure/aks.json, azure/vnets.json, ..., k8s/cluster.json]
 * c.record();              // the collect.json object: tools, commands, exit codes, times, skips
 * }</pre>
 *
 * <p>What is run, in order: the tools' versions; {@code az aks show}; {@code kubectl config view --minify} (the
 * context's API server must be the cluster's, unless allowed otherwise); in the node resource group the VNets,
 * NSGs, route tables, NICs (and every scale set's NICs, {@code az vmss nic list}), load balancers and public IPs;
 * then, by id, every VNet, NSG, route table and public IP those reference outside it (a BYO VNet and its subnet
 * NSGs); the region's service tags; {@code kubectl get} of the kinds the loader reads; and the Gateway API, Istio
 * and Application Gateway for Containers kinds whose CRDs {@code kubectl api-resources} lists. Every argument is one element of an argument array:
 * names and ids (from the user or from Azure) are passed as {@code --option=value}, so none is read as an option.
 *
 * <p>A required command that fails stops the collection ({@link Stop}: the command, its exit code, its first
 * stderr line). The optional ones (service tags, CRD kinds, the discovery of CRDs) are skipped with the reason
 * recorded in {@code collect.json} and reported to {@code progress}.
 */
final class Collector {
  /** The kinds of {@code kubectl get} the loader reads, fully qualified (a CRD may reuse a short name). */
  static final String CORE_KINDS = "nodes,pods,services,endpointslices.discovery.k8s.io,ingresses.networking.k8s.io,"
      + "ingressclasses.networking.k8s.io,networkpolicies.networking.k8s.io,configmaps,namespaces";
  /** The custom resource kinds read when their CRDs are installed ({@link CustomResourceKind#ALL}). */
  static final List<String> CRD_KINDS = CustomResourceKind.ALL.stream().map(CustomResourceKind::resource).toList();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The cluster to collect.
   *
   * @param resourceGroup the cluster's resource group
   * @param name the cluster's name
   * @param subscription the subscription ({@code az --subscription}), or the CLI's default
   * @param context the kubeconfig context ({@code kubectl --context}), or the current one
   * @param allowContextMismatch collect even when the context's API server is not the cluster's
   */
  record Target(String resourceGroup, String name, Optional<String> subscription, Optional<String> context,
                boolean allowContextMismatch) {}

  /** A file of the scenario: its path under the scenario directory and its content, as the tool printed it. */
  record OutFile(String path, String content) {}

  /** The collection stopped: why, in one line. */
  static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    Stop(String message) {
      super(message);
    }
  }

  private final ProcessRunner runner;
  private final Clock clock;
  private final Target target;
  private final Consumer<String> progress;
  private final List<OutFile> files = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final ObjectNode record = JSON.createObjectNode();
  private final ArrayNode commands;
  private final ArrayNode skipped;

  Collector(ProcessRunner runner, Clock clock, Target target, Consumer<String> progress) {
    this.runner = runner;
    this.clock = clock;
    this.target = target;
    this.progress = progress;
    record.put("aksreach", Main.class.getAnnotation(picocli.CommandLine.Command.class).version()[0]);
    record.put("status", "running");
    record.put("startedAt", clock.instant().toString());
    ObjectNode c = record.putObject("cluster");
    c.put("resourceGroup", target.resourceGroup());
    c.put("name", target.name());
    c.put("subscription", target.subscription().orElse(null));
    record.putObject("kubectl").put("context", target.context().orElse(null));
    record.putObject("tools");
    commands = record.putArray("commands");
    skipped = record.putArray("skipped");
  }

  /** The files collected so far, in the order they were collected. */
  List<OutFile> files() {
    return List.copyOf(files);
  }

  /** The {@code collect.json} object. */
  ObjectNode record() {
    return record;
  }

  /** Runs every command; on return the files are complete. */
  void collect() throws Stop {
    Map<String, String> tools = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String t : List.of("az", "kubectl")) {
      Optional<java.nio.file.Path> p = runner.locate(t);
      if (p.isPresent()) {
        tools.put(t, p.get().toString());
      } else {
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      throw stop(String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " not on the PATH: "
          + "collect runs az (the Azure CLI, logged in: az login) and kubectl (with the cluster's credentials: az aks"
          + " get-credentials)");
    }
    ObjectNode t = (ObjectNode) record.get("tools");
    JsonNode azVersion = json(required(List.of("az", "version", "--output", "json"), null));
    t.putObject("az").put("path", tools.get("az")).put("version", azVersion.path("azure-cli").asText(null));
    JsonNode kVersion = json(required(List.of("kubectl", "version", "--client", "--output=json"), null));
    t.putObject("kubectl").put("path", tools.get("kubectl"))
        .put("version", kVersion.path("clientVersion").path("gitVersion").asText(null));

    JsonNode aks = json(required(az("aks", "show", "--resource-group=" + target.resourceGroup(),
        "--name=" + target.name()), "azure/aks.json"));
    String nodeRg = aks.path("nodeResourceGroup").asText("");
    if (nodeRg.isEmpty()) {
      throw stop("az aks show printed no nodeResourceGroup for " + target.name() + ": is it an AKS cluster?");
    }
    String location = aks.path("location").asText("");
    ObjectNode c = (ObjectNode) record.get("cluster");
    c.put("nodeResourceGroup", nodeRg);
    c.put("location", location);
    c.put("kubernetesVersion", aks.path("currentKubernetesVersion").asText(aks.path("kubernetesVersion").asText(null)));
    checkContext(aks);

    Resources r = new Resources();
    r.add(json(required(az("network", "vnet", "list", "--resource-group=" + nodeRg), "azure/vnets.json")));
    r.add(json(required(az("network", "nsg", "list", "--resource-group=" + nodeRg), "azure/nsgs.json")));
    r.add(json(required(az("network", "route-table", "list", "--resource-group=" + nodeRg),
        "azure/route-tables.json")));
    r.add(json(required(az("network", "nic", "list", "--resource-group=" + nodeRg), "azure/nics.json")));
    for (JsonNode ss : json(required(az("vmss", "list", "--resource-group=" + nodeRg), null))) {
      String vmss = ss.path("name").asText("");
      if (!vmss.isEmpty()) {
        r.add(json(required(az("vmss", "nic", "list", "--resource-group=" + nodeRg, "--vmss-name=" + vmss),
            file("azure/vmss-nics-", vmss))));
      }
    }
    r.add(json(required(az("network", "lb", "list", "--resource-group=" + nodeRg), "azure/lbs.json")));
    r.add(json(required(az("network", "public-ip", "list", "--resource-group=" + nodeRg), "azure/public-ips.json")));
    referenced(aks, r);

    if (!location.isEmpty()) {
      optional(az("network", "list-service-tags", "--location=" + location), file("azure/service-tags-", location),
          "service tags of " + location);
    } else {
      skip("service tags", "az aks show printed no location");
    }
    kubernetes();
  }

  /** The kubeconfig context kubectl will use, and whether its API server is the cluster's. */
  private void checkContext(JsonNode aks) throws Stop {
    JsonNode view = json(required(kubectl("config", "view", "--minify", "--output=json"), null));
    String context = view.path("contexts").path(0).path("name").asText("");
    String server = view.path("clusters").path(0).path("cluster").path("server").asText("");
    ObjectNode k = (ObjectNode) record.get("kubectl");
    k.put("context", context.isEmpty() ? null : context);
    k.put("server", server.isEmpty() ? null : server);
    if (server.isEmpty()) {
      throw stop("kubectl has no context" + target.context().map(x -> " " + x).orElse("") + " with a cluster (run az aks"
          + " get-credentials --resource-group " + target.resourceGroup() + " --name " + target.name() + ")");
    }
    Set<String> fqdns = new LinkedHashSet<>();
    for (String f : List.of("fqdn", "privateFqdn", "azurePortalFqdn")) {
      String v = aks.path(f).asText("");
      if (!v.isEmpty()) {
        fqdns.add(v.toLowerCase(Locale.ROOT));
      }
    }
    String host;
    try {
      host = Optional.ofNullable(URI.create(server).getHost()).orElse("").toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      host = "";
    }
    boolean matches = fqdns.isEmpty() || fqdns.contains(host);
    k.put("serverMatchesCluster", fqdns.isEmpty() ? null : matches);
    if (!matches) {
      String msg = "kubectl context " + context + " points at " + server + ", not at cluster " + target.name()
          + " (" + String.join(", ", fqdns) + ")";
      if (!target.allowContextMismatch()) {
        throw stop(msg + ": pass its --context, or --allow-context-mismatch if a proxy stands in between");
      }
      progress.accept("warning: " + msg + " (allowed by --allow-context-mismatch)");
    }
  }

  /** The Azure resources collected so far, by lower-case id, and the references they make. */
  private static final class Resources {
    final Set<String> ids = new HashSet<>();
    final List<JsonNode> all = new ArrayList<>();

    void add(JsonNode listOrOne) {
      for (JsonNode x : listOrOne.isArray() ? listOrOne : List.of(listOrOne)) {
        String id = x.path("id").asText("");
        if (!id.isEmpty() && ids.add(id.toLowerCase(Locale.ROOT))) {
          all.add(x);
        }
      }
    }

    boolean has(String id) {
      return ids.contains(id.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Every VNet, NSG, route table and public IP that the cluster, its NICs, subnets and load balancers reference
   * outside the node resource group, by id, until nothing new is referenced.
   */
  private void referenced(JsonNode aks, Resources r) throws Stop {
    Set<String> vnets = new LinkedHashSet<>();
    for (JsonNode p : aks.path("agentPoolProfiles")) {
      for (String f : List.of("vnetSubnetId", "podSubnetId")) {
        parent(p.path(f).asText("")).ifPresent(vnets::add);
      }
    }
    for (JsonNode x : r.all) {
      for (JsonNode ipc : x.path("ipConfigurations")) {
        parent(at(ipc, "subnet").path("id").asText("")).ifPresent(vnets::add);
      }
    }
    fetch("vnet", vnets, r);
    Set<String> nsgs = new LinkedHashSet<>();
    Set<String> routeTables = new LinkedHashSet<>();
    Set<String> pips = new LinkedHashSet<>();
    for (JsonNode x : r.all) {
      List<JsonNode> holders = new ArrayList<>(List.of(x));
      at(x, "subnets").forEach(holders::add);
      for (JsonNode h : holders) {
        add(nsgs, at(h, "networkSecurityGroup").path("id"));
        add(routeTables, at(h, "routeTable").path("id"));
      }
      for (JsonNode fe : at(x, "frontendIPConfigurations")) {
        add(pips, at(fe, "publicIPAddress").path("id"));
      }
    }
    fetch("nsg", nsgs, r);
    fetch("route-table", routeTables, r);
    fetch("public-ip", pips, r);
  }

  private static void add(Set<String> ids, JsonNode id) {
    if (id.isTextual() && !id.asText().isEmpty()) {
      ids.add(id.asText());
    }
  }

  /** {@code node.field}, or in the REST shape {@code node.properties.field}. */
  private static JsonNode at(JsonNode node, String field) {
    return node.has(field) ? node.path(field) : node.path("properties").path(field);
  }

  /** The VNet id of a subnet id. */
  private static Optional<String> parent(String subnetId) {
    int i = subnetId.toLowerCase(Locale.ROOT).lastIndexOf("/subnets/");
    return i > 0 ? Optional.of(subnetId.substring(0, i)) : Optional.empty();
  }

  private void fetch(String kind, Set<String> ids, Resources r) throws Stop {
    for (String id : ids) {
      if (!r.has(id)) {
        String name = id.substring(id.lastIndexOf('/') + 1);
        List<String> cmd = new ArrayList<>(List.of("az", "network", kind, "show", "--ids=" + id, "--output", "json"));
        r.add(json(required(cmd, file("azure/" + kind + "-", name))));
      }
    }
  }

  private void kubernetes() throws Stop {
    Set<String> crds = new HashSet<>();
    boolean discovered = false;
    ProcessRunner.Result api = run(kubectl("api-resources", "--output=name"), null);
    if (api.exitCode() == 0 || !api.stdout().isBlank()) {
      discovered = true;
      api.stdout().lines().map(String::strip).forEach(crds::add);
      if (api.exitCode() != 0) {
        progress.accept("warning: kubectl api-resources exited " + api.exitCode() + " (" + api.firstStderrLine()
            + "); the kinds it listed are used");
      }
    }
    required(kubectl("get", CORE_KINDS, "--all-namespaces", "--output=json"), "k8s/cluster.json");
    for (String kind : CRD_KINDS) {
      String plural = kind.substring(0, kind.indexOf('.'));
      if (!discovered) {
        skip(kind, "kubectl api-resources failed (exit " + api.exitCode() + ": " + api.firstStderrLine()
            + "): whether its CRD is installed is unknown");
      } else if (!crds.contains(kind)) {
        skip(kind, "its CRD is not installed (kubectl api-resources does not list it)");
      } else {
        optional(kubectl("get", kind, "--all-namespaces", "--output=json"), file("k8s/", plural), kind);
      }
    }
  }

  private List<String> az(String... args) {
    List<String> l = new ArrayList<>(List.of("az"));
    l.addAll(List.of(args));
    l.addAll(List.of("--output", "json"));
    target.subscription().ifPresent(s -> l.add("--subscription=" + s));
    return l;
  }

  private List<String> kubectl(String... args) {
    List<String> l = new ArrayList<>(List.of("kubectl"));
    l.addAll(List.of(args));
    target.context().ifPresent(c -> l.add("--context=" + c));
    return l;
  }

  /** A file name under {@code prefix} for a name from Azure: only letters, digits, '.', '_' and '-'; unique. */
  private String file(String prefix, String name) {
    String base = prefix + name.replaceAll("[^A-Za-z0-9._-]", "_");
    String f = base + ".json";
    for (int i = 2; names.contains(f.toLowerCase(Locale.ROOT)); i++) {
      f = base + "-" + i + ".json";
    }
    return f;
  }

  /** Runs {@code cmd}; its output, when it succeeded and {@code file} is given, becomes that file. */
  private ProcessRunner.Result run(List<String> cmd, String file) throws Stop {
    Instant start = clock.instant();
    ProcessRunner.Result res;
    try {
      res = runner.run(cmd);
    } catch (IOException e) {
      throw stop(display(cmd) + ": cannot run: " + e.getMessage());
    }
    Duration took = Duration.between(start, clock.instant());
    ObjectNode c = commands.addObject();
    ArrayNode argv = c.putArray("command");
    cmd.forEach(argv::add);
    c.put("exitCode", res.exitCode());
    c.put("startedAt", start.toString());
    c.put("seconds", BigDecimal.valueOf(took.toMillis(), 3));
    if (res.exitCode() != 0) {
      c.put("stderr", res.firstStderrLine());
    } else if (file != null) {
      c.put("output", file);
      names.add(file.toLowerCase(Locale.ROOT));
      files.add(new OutFile(file, res.stdout()));
    }
    progress.accept(String.format(Locale.ROOT, "%s  (exit %d, %.1f s%s)", display(cmd), res.exitCode(),
        took.toMillis() / 1000.0, res.exitCode() == 0 && file != null ? " -> " + file : ""));
    return res;
  }

  private String required(List<String> cmd, String file) throws Stop {
    ProcessRunner.Result res = run(cmd, file);
    if (res.exitCode() != 0) {
      ObjectNode f = record.putObject("failure");
      ArrayNode argv = f.putArray("command");
      cmd.forEach(argv::add);
      f.put("exitCode", res.exitCode());
      f.put("stderr", res.firstStderrLine());
      throw stop(display(cmd) + " failed with exit code " + res.exitCode() + ": "
          + (res.firstStderrLine().isEmpty() ? "(nothing on stderr)" : res.firstStderrLine()));
    }
    return res.stdout();
  }

  private void optional(List<String> cmd, String file, String what) throws Stop {
    ProcessRunner.Result res = run(cmd, file);
    if (res.exitCode() != 0) {
      skip(what, display(cmd) + " failed with exit code " + res.exitCode() + ": " + res.firstStderrLine());
    }
  }

  private void skip(String what, String reason) {
    skipped.addObject().put("what", what).put("reason", reason);
    progress.accept("skipped " + what + ": " + reason);
  }

  /** The JSON a command printed; a required command that prints something else stops the collection. */
  private JsonNode json(String text) throws Stop {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw stop(lastCommand() + " printed no JSON");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw stop(lastCommand() + " printed something that is not JSON: " + e.getOriginalMessage());
    }
  }

  private String lastCommand() {
    JsonNode last = commands.get(commands.size() - 1).path("command");
    List<String> cmd = new ArrayList<>();
    last.forEach(a -> cmd.add(a.asText()));
    return display(cmd);
  }

  private Stop stop(String message) {
    record.put("status", "failed");
    ObjectNode f = record.has("failure") ? (ObjectNode) record.get("failure") : record.putObject("failure");
    f.put("message", message);
    return new Stop(message);
  }

  /** Marks the record complete (or not) with the time it ended. */
  void finish(boolean complete) {
    if (complete) {
      record.put("status", "complete");
    }
    record.put("finishedAt", clock.instant().toString());
  }

  /** A command as a user would type it: arguments with blanks or quotes in single quotes. */
  static String display(List<String> cmd) {
    return cmd.stream().map(a -> a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
