package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.Documents;
import io.github.aksreach.core.input.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code kubectl get ... -o json} List from the token stream, one {@code items[i]} at a time: each item becomes
 * a tree of its own, is read into the model and dropped, so the memory of reading follows the largest item, not the
 * file. Only the plain case is read this way: one JSON object whose {@code kind} is {@code List} or ends in
 * {@code List}, with an {@code items} array, nothing after it, no problem found by the parse (syntax, duplicate keys,
 * nesting), and, while the List's own kind is not yet read (kubectl writes {@code kind} after {@code items}), items
 * that name their own kind. Anything else answers false, and the caller reads the whole text as a tree (whose
 * messages, paths and lines are then the ones given): so the items read here go to a
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
  private static final JsonFactory JSON = new JsonFactory();

  private JsonListStream() {}

  /**
   * Reads {@code text} (a {@code .json} file's content) item by item into {@code ctx} and {@code staged}; false if it
   * is not a plain List (then both hold nothing to keep).
   */
  static boolean read(String name, String text, ReadLimits limits, ReadContext ctx, ClusterAccumulator staged) {
    try (JsonParser p = JSON.createParser(Documents.withoutBom(text))) {
      return read(name, p, limits, ctx, staged);
    } catch (IOException | RuntimeException e) {
      // a syntax error, or a reader's failure: the tree path reports it as it always did
      return false;
    }
  }

  /**
   * {@link #read(String, String, ReadLimits, ReadContext, ClusterAccumulator)} of a file's UTF-8 bytes as they stream
   * ({@link io.github.aksreach.core.input.InputFiles#stream}): the file is never a text in memory.
   */
  static boolean read(String name, InputStream utf8, ReadLimits limits, ReadContext ctx, ClusterAccumulator staged)
      throws IOException {
    try (JsonParser p = JSON.createParser(utf8)) {
      return read(name, p, limits, ctx, staged);
    } catch (JsonProcessingException | RuntimeException e) {
      return false;
    }
  }

  private static boolean read(String name, JsonParser p, ReadLimits limits, ReadContext ctx,
      ClusterAccumulator staged) throws IOException {
    return p.nextToken() == JsonToken.START_OBJECT && list(p, Documents.Values.json(name, p, limits),
        new ObjectReader(ctx, staged), ctx) && p.nextToken() == null;
  }

  private static boolean list(JsonParser p, Documents.Values values, ObjectReader reader, ReadContext ctx)
      throws IOException {
    Set<String> keys = new HashSet<>();
    String kind = null;
    boolean items = false;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (!keys.add(key)) {
        return false;   // a duplicate key: the tree path names both lines
      }
      JsonToken v = p.nextToken();
      if (key.equals("items")) {
        if (v != JsonToken.START_ARRAY || !items(p, values, reader, ctx, kind)) {
          return false;
        }
        items = true;
      } else {
        Optional<JsonNode> n = values.read();
        if (n.isEmpty()) {
          return false;
        }
        if (key.equals("kind")) {
          kind = kindOf(n.get()).orElse(null);
          if (kind == null || !kind.endsWith("List")) {
            return false;   // not a List: one object, read as a tree
          }
        }
      }
    }
    return t == JsonToken.END_OBJECT && items && kind != null;
  }

  /** The items, {@code p} on the array's start; {@code kind} is the List's, or null while not yet read. */
  private static boolean items(JsonParser p, Documents.Values values, ObjectReader reader, ReadContext ctx,
      String kind) throws IOException {
    Optional<String> itemKind = kind == null ? Optional.empty() : ObjectReader.itemKind(kind);
    JsonToken t;
    int i = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        return false;
      }
      Optional<JsonNode> item = values.read();
      if (item.isEmpty()) {
        return false;
      }
      JsonNode n = item.get();
      if (kind == null && n.isObject() && kindOf(n.get("kind")).isEmpty()) {
        return false;   // its kind would come from the List's, not read yet
      }
      reader.readListItem(new Cursor(ctx, "items[" + i + "]", n), itemKind);
      i++;
    }
    return true;
  }

  /** A kind as the readers take it: a non-empty scalar (its text). */
  private static Optional<String> kindOf(JsonNode n) {
    if (n == null || n.isNull() || !n.isValueNode() || n.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(n.asText());
  }
}
