package io.github.aksreach.fabric8;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A fabric8 mock API server in CRUD mode holding a lab step's Kubernetes objects, created through the client as
 * {@code kubectl apply} would, and the step's {@code azure/} files and {@code scenario.yaml} as texts.
 */
final class MockCluster implements AutoCloseable {
  static final Path LAB = Path.of("../examples/src/main/resources/lab");

  final KubernetesCrudDispatcher dispatcher;
  final KubernetesMockServer server;
  final NamespacedKubernetesClient client;

  MockCluster() {
    dispatcher = new KubernetesCrudDispatcher();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
  }

  /**
   * Creates every object of the step's {@code k8s/} files on the server, through the client. An API server gives
   * each created object a uid of its own (the mock: 1, 2, 3, ...), and cloud-provider-azure names a Service's
   * load-balancing rules after its uid; so each stored object gets back the uid the dump shows, as if this server
   * had assigned it.
   */
  void createKubernetesObjectsOf(Path step) {
    for (HasMetadata o : objectsOf(step)) {
      HasMetadata created = o instanceof GenericKubernetesResource g ? createGeneric(g) : client.resource(o).create();
      restoreUid(created.getMetadata().getUid(), o.getMetadata().getUid());
    }
  }

  private void restoreUid(String assigned, String dumped) {
    String from = "\"uid\":\"" + assigned + "\"";
    int replaced = 0;
    for (Map.Entry<AttributeSet, String> e : dispatcher.getMap().entrySet()) {
      if (e.getValue().contains(from)) {
        dispatcher.getMap().replace(e.getKey(), e.getValue().replace(from, "\"uid\":\"" + dumped + "\""));
        replaced++;
      }
    }
    if (replaced != 1) {
      throw new IllegalStateException("uid " + assigned + " stored " + replaced + " times");
    }
  }

  /** The objects of the step's {@code k8s/} files, read by fabric8 as {@code kubectl apply -f} would. */
  List<HasMetadata> objectsOf(Path step) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path f : files(step.resolve("k8s"))) {
      try (InputStream in = Files.newInputStream(f)) {
        objects.addAll(client.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return objects;
  }

  /** A kind fabric8 has no class for (Istio's AuthorizationPolicy), created at its REST path. */
  private HasMetadata createGeneric(GenericKubernetesResource g) {
    String[] gv = g.getApiVersion().split("/");
    String kind = g.getKind().toLowerCase(Locale.ROOT);
    ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(gv[0]).withVersion(gv[1])
        .withKind(g.getKind()).withPlural(kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s")
        .withNamespaced(true).build();
    return client.genericKubernetesResources(ctx).inNamespace(g.getMetadata().getNamespace()).resource(g).create();
  }

  /** The step's {@code azure/*.json} files as texts named {@code azure/<file>}, and its {@code scenario.yaml}. */
  static ScenarioSources azureAndConfigOf(Path step) {
    List<ScenarioSources.Text> azure = new ArrayList<>();
    for (Path f : files(step.resolve("azure"))) {
      azure.add(new ScenarioSources.Text("azure/" + f.getFileName(), read(f)));
    }
    ScenarioSources s = ScenarioSources.named(step.getFileName().toString()).plusAzure(azure);
    Path yaml = step.resolve("scenario.yaml");
    return Files.isRegularFile(yaml) ? s.withScenarioYaml(new ScenarioSources.Text("scenario.yaml", read(yaml))) : s;
  }

  static List<Path> steps() {
    try (Stream<Path> s = Files.list(LAB)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
