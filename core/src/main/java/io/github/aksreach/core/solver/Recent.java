package io.github.aksreach.core.solver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded memo of answers asked lately, safe for many threads: an answer is made outside the lock (two threads
 * asking one new question at once may both make it; the later is kept), and the answer asked least lately goes when
 * the memo is full.
 *
 * <pre>{@code
 * Recent<String, Integer> lengths = new Recent<>(256);
 * lengths.answer("web", String::length);   // made: 3
 * lengths.answer("web", String::length);   // kept: 3
 * }</pre>
 *
 * @param <K> the question, with value equality
 * @param <V> its answer, immutable
 */
public final class Recent<K, V> {
  private final Map<K, V> kept;

  /** A memo that keeps at most {@code capacity} answers. */
  public Recent(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.kept = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The answer to {@code question}: kept, else made by {@code make} (never null) and kept. */
  public V answer(K question, Function<? super K, ? extends V> make) {
    synchronized (kept) {
      V v = kept.get(question);
      if (v != null) {
        return v;
      }
    }
    V made = make.apply(question);
    synchronized (kept) {
      kept.put(question, made);
    }
    return made;
  }

  /** How many answers are kept. */
  public int size() {
    synchronized (kept) {
      return kept.size();
    }
  }
}
