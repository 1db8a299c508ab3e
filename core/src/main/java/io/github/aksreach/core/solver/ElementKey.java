package io.github.aksreach.core.solver;

/**
 * The identity of an element in its graph: a value (model modules define records, one per kind of hop), never a
 * string to be parsed. Keys are compared with {@code equals}, so two records with the same components name the same
 * element.
 *
 * <pre>{@code
 * record NodeEntry(String node) implements ElementKey {}     // a model module's key
 * ElementKey fw = ElementKey.named("fw");                     // a hand-built graph's key
 * graph.element(new NodeEntry("aks-user-28786594-vmss000001"));
 * }</pre>
 */
public interface ElementKey {

  /** A key that is just a name: for small hand-built graphs and tests. */
  static ElementKey named(String name) {
    return new Named(name);
  }

  /**
   * A key that is a name.
   *
   * @param name the name
   */
  record Named(String name) implements ElementKey {
    public Named {
      java.util.Objects.requireNonNull(name);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
