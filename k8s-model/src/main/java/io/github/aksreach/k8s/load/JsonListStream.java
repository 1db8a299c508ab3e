package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.Tape;
import io.github.aksreach.core.input.TapeLists;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a {@code kubectl get ... -o json} List straight from its bytes ({@link TapeLists}), one {@code items[i]} at a
 * time: each item is a {@link Tape} of its own (no tree, no string for a value the readers never look at), read into
 * the model and dropped, so the memory of reading follows the largest item, not the file. Only the plain case is read
 * this way: one JSON object whose {@code kind} is {@code List} or ends in {@code List}, with an {@code items} array,
 * nothing after it, strict JSON with no key twice in a mapping (see {@link TapeLists}), and, while the List's own kind
 * is not yet read (kubectl writes {@code kind} after {@code items}), items that name their own kind. Anything else
 * answers false, and the caller reads the whole text as a tree (whose messages, paths and lines are then the ones
 * given): so the items read here go to a {@link ClusterAccumulator#recording() recording} accumulator and a context of
 * their own, both kept only when this answers true.
 *
 * <pre>{@code
 * ReadContext ctx = new ReadContext("pods.json");
 * ClusterAccumulator staged = ClusterAccumulator.recording();
 * if (JsonListStream.read(text, ctx, staged)) {
 *   staged.replayInto(acc);                  // ctx holds the errors and notes of the items, paths items[i]...
 * }                                          // else: read it as a tree
 * }</pre>
 */
final class JsonListStream {
  private JsonListStream() {}

  /**
   * Reads {@code text} (a {@code .json} file's content) item by item into {@code ctx} and {@code staged}; false if it
   * is not a plain List (then both hold nothing to keep).
   */
  static boolean read(String text, ReadContext ctx, ClusterAccumulator staged) {
    Items items = new Items(new ObjectReader(ctx, staged), ctx);
    return TapeLists.read(text, "items", false, items) && items.kind != null;
  }

  /**
   * {@link #read(String, ReadContext, ClusterAccumulator)} of a file's UTF-8 bytes as they stream
   * ({@link io.github.aksreach.core.input.InputFiles#stream}): the file is never a text in memory.
   */
  static boolean read(InputStream utf8, ReadContext ctx, ClusterAccumulator staged) throws IOException {
    Items items = new Items(new ObjectReader(ctx, staged), ctx);
    return TapeLists.read(utf8, "items", false, items) && items.kind != null;
  }

  /** The List's parts: its kind (a List's, read before or after the items), then each item into the model. */
  private static final class Items implements TapeLists.Sink {
    private final ObjectReader reader;
    private final ReadContext ctx;
    /** The list the items are in (its path; it holds no value), the parent of each item's cursor. */
    private final Cursor list;
    /** The List's kind, or null while not yet read. */
    private String kind;
    private Optional<String> itemKind = Optional.empty();

    Items(ObjectReader reader, ReadContext ctx) {
      this.reader = reader;
      this.ctx = ctx;
      this.list = new Cursor(ctx, "items", (JsonNode) null);
    }

    @Override
    public boolean field(String key, Tape value) {
      if (key.equals("kind")) {
        kind = kindOf(value, Tape.ROOT).orElse(null);
        return kind != null && kind.endsWith("List");   // not a List: one object, read as a tree
      }
      return true;
    }

    @Override
    public boolean list(String key) {
      itemKind = kind == null ? Optional.empty() : ObjectReader.itemKind(kind);
      return true;
    }

    @Override
    public boolean item(int index, Tape item) {
      if (kind == null && item.kind(Tape.ROOT) == Tape.OBJECT
          && kindOf(item, item.member(Tape.ROOT, "kind")).isEmpty()) {
        return false;   // its kind would come from the List's, not read yet
      }
      reader.readListItem(Cursor.element(list, index, item), itemKind);
      return true;
    }
  }

  /** A kind as the readers take it: a non-empty scalar (its text). */
  private static Optional<String> kindOf(Tape t, int at) {
    byte k = t.kind(at);
    if (k != Tape.STRING && k != Tape.SCALAR || t.asText(at).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(t.asText(at));
  }
}
