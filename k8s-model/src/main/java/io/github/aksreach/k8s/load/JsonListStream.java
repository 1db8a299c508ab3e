package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.ListStream;
import io.github.aksreach.core.input.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a {@code kubectl get ... -o json} List from the token stream ({@link ListStream}), one {@code items[i]} at a
 * time: each item becomes a tree of its own, is read into the model and dropped, so the memory of reading follows
 * the largest item, not the file. Only the plain case is read this way: one JSON object whose {@code kind} is
 * {@code List} or ends in {@code List}, with an {@code items} array, nothing after it, no problem found by the parse
 * (syntax, duplicate keys, nesting), and, while the List's own kind is not yet read (kubectl writes {@code kind}
 * after {@code items}), items that name their own kind. Anything else answers false, and the caller reads the whole
 * text as a tree (whose messages, paths and lines are then the ones given): so the items read here go to a
 * {@link ClusterAccumulator#recording() recording} accumulator and a context of their own, both kept only when this
 * answers true.
 *
 * <pre>{@code
 * ReadContext ctx = new ReadContext("pods.json");
 * ClusterAccumulator staged = ClusterAccumulator.recording();
 * if (JsonListStream.read("pods.json", text, limits, ctx, staged)) {
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
  static boolean read(String name, String text, ReadLimits limits, ReadContext ctx, ClusterAccumulator staged) {
    Items items = new Items(new ObjectReader(ctx, staged), ctx);
    return ListStream.read(name, text, limits, "items", false, items) && items.kind != null;
  }

  /**
   * {@link #read(String, String, ReadLimits, ReadContext, ClusterAccumulator)} of a file's UTF-8 bytes as they stream
   * ({@link io.github.aksreach.core.input.InputFiles#stream}): the file is never a text in memory.
   */
  static boolean read(String name, InputStream utf8, ReadLimits limits, ReadContext ctx, ClusterAccumulator staged)
      throws IOException {
    Items items = new Items(new ObjectReader(ctx, staged), ctx);
    return ListStream.read(name, utf8, limits, "items", false, items) && items.kind != null;
  }

  /** The List's parts: its kind (a List's, read before or after the items), then each item into the model. */
  private static final class Items implements ListStream.Sink {
    private final ObjectReader reader;
    private final ReadContext ctx;
    /** The List's kind, or null while not yet read. */
    private String kind;
    private Optional<String> itemKind = Optional.empty();

    Items(ObjectReader reader, ReadContext ctx) {
      this.reader = reader;
      this.ctx = ctx;
    }

    @Override
    public boolean field(String key, JsonNode value) {
      if (key.equals("kind")) {
        kind = kindOf(value).orElse(null);
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
    public boolean item(int index, JsonNode n) {
      if (kind == null && n.isObject() && kindOf(n.get("kind")).isEmpty()) {
        return false;   // its kind would come from the List's, not read yet
      }
      reader.readListItem(new Cursor(ctx, "items[" + index + "]", n), itemKind);
      return true;
    }
  }

  /** A kind as the readers take it: a non-empty scalar (its text). */
  private static Optional<String> kindOf(JsonNode n) {
    if (n == null || n.isNull() || !n.isValueNode() || n.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(n.asText());
  }
}
