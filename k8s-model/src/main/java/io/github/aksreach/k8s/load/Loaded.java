package io.github.aksreach.k8s.load;

import java.util.List;

/**
 * A successfully loaded value and the notes the loader made about it.
 *
 * <pre>{@code
 * Loaded<KubernetesCluster> l = KubernetesLoader.create().loadDirectory(dir).get();
 * l.value().nodes().size();
 * l.warnings();   // the notes of severity WARNING
 * }</pre>
 *
 * @param value the loaded value
 * @param notes what the loader wants the user to know
 * @param <T> the value's type
 */
public record Loaded<T>(T value, List<LoadNote> notes) {
  public Loaded {
    if (value == null || notes == null) {
      throw new IllegalArgumentException("Loaded fields must not be null");
    }
    notes = List.copyOf(notes);
  }

  /** The notes of severity WARNING. */
  public List<LoadNote> warnings() {
    return notes.stream().filter(n -> n.severity() == LoadNote.Severity.WARNING).toList();
  }
}
