package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario held in memory instead of a directory: the texts a scenario directory's files would hold, each under a
 * name that stands for its file in every error and note. {@link ScenarioLoader#load(ScenarioSources)} reads them
 * with the same readers, validation and notes as a directory; the fabric8 adapter ({@code aksreach-fabric8})
 * serialises its objects into one and names each text after its object ({@code fabric8:Service/default/web}), and
 * the Azure SDK adapter ({@code aksreach-azure}) does the same with resource-manager models
 * ({@code AzureSdkScenario}, texts named {@code azure-sdk:<resource id>}).
 *
 * <pre>{@code
 * ScenarioSources in = ScenarioSources.named("prod")
 *     .plusKubernetes(List.of(new ScenarioSources.Text("svc.yaml", "apiVersion: v1\nkind: Service\n...")))
 *     .plusAzure(List.of(new ScenarioSources.Text("nsgs.json", Files.readString(Path.of("nsgs.json")))))
 *     .withScenarioYaml(new ScenarioSources.Text("scenario.yaml", "cluster:\n  networkPlugin: kubenet\n"));
 * Scenario s = ScenarioLoader.load(in).orElseThrow();   // or every problem, each naming its text and path
 * }</pre>
 *
 * @param name the scenario's display name (a directory's name when loaded from disk)
 * @param kubernetes {@code kubectl get -o yaml|json} texts (a name ending in {@code .json} is read as JSON, any
 *     other as YAML, of which JSON is a part), read together as {@code k8s/}
 * @param azure {@code az} output or REST/ARM bodies (JSON), read together as {@code azure/}
 * @param scenarioYaml {@code scenario.yaml}, if any
 * @param notes what the producer of these texts has to say beside them (a kind it could not list, and why): they
 *     are the first notes of the loaded {@link Scenario}, so nothing an adapter left out is lost in silence
 */
public record ScenarioSources(String name, List<Text> kubernetes, List<Text> azure, Optional<Text> scenarioYaml,
                              List<ModelError> notes) {
  public ScenarioSources {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scenarioYaml, "scenarioYaml");
    kubernetes = List.copyOf(kubernetes);
    azure = List.copyOf(azure);
    notes = List.copyOf(notes);
  }

  /**
   * One text and the name it is reported under.
   *
   * @param name the name in messages, standing for a file name
   * @param text the content
   */
  public record Text(String name, String text) {
    public Text {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }
  }

  /** No text yet, under the display name {@code name}. */
  public static ScenarioSources named(String name) {
    return new ScenarioSources(name, List.of(), List.of(), Optional.empty(), List.of());
  }

  /** A copy with {@code texts} read after the Kubernetes texts already held. */
  public ScenarioSources plusKubernetes(Collection<Text> texts) {
    return new ScenarioSources(name, concat(kubernetes, texts), azure, scenarioYaml, notes);
  }

  /** A copy with {@code texts} read after the Azure texts already held. */
  public ScenarioSources plusAzure(Collection<Text> texts) {
    return new ScenarioSources(name, kubernetes, concat(azure, texts), scenarioYaml, notes);
  }

  /** A copy with {@code more} noted after the notes already held. */
  public ScenarioSources plusNotes(Collection<ModelError> more) {
    return new ScenarioSources(name, kubernetes, azure, scenarioYaml, concat(notes, more));
  }

  /** A copy whose {@code scenario.yaml} is {@code yaml}. */
  public ScenarioSources withScenarioYaml(Text yaml) {
    return new ScenarioSources(name, kubernetes, azure, Optional.of(yaml), notes);
  }

  /** A copy named {@code newName}. */
  public ScenarioSources withName(String newName) {
    return new ScenarioSources(newName, kubernetes, azure, scenarioYaml, notes);
  }

  /**
   * Everything of this and of {@code other} together, this one's first (say, the Kubernetes objects of a fabric8
   * client and the Azure resources of an Azure SDK client); {@code other}'s {@code scenario.yaml} wins when both have
   * one, and the name is this one's.
   */
  public ScenarioSources plus(ScenarioSources other) {
    return new ScenarioSources(name, concat(kubernetes, other.kubernetes), concat(azure, other.azure),
        other.scenarioYaml.isPresent() ? other.scenarioYaml : scenarioYaml, concat(notes, other.notes));
  }

  private static <T> List<T> concat(List<T> a, Collection<? extends T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
