package io.github.aksreach.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a large JSON list from the token stream, one element at a time: each element becomes the tree
 * {@link Documents#json} would build for it (same checks: duplicate keys, nesting, syntax), is given to a
 * {@link Sink} and dropped, so the memory of reading follows the largest element, not the file. Two shapes are lists:
 * a top-level array ({@code az ... list}), and a top-level object with an array under one named field
 * ({@code kubectl get ... -o json}'s {@code items}, a REST list response's {@code value}), whose other fields are
 * given to the sink as trees. Anything else, or any problem (a syntax error, a duplicate key at any depth, a second
 * document after the first, a sink that gives up or throws), answers false: the caller then reads the whole text with
 * {@link Documents#json}, whose messages name the problem with its path and lines, so a caller keeps what the sink
 * received only when this answers true. For a caller that wants each element as a Jackson tree; the loaders read
 * lists with {@link TapeLists}, faster (no tree, no string for a value nobody reads), which is held to this reader in
 * tests.
 *
 * <pre>{@code
 * List<JsonNode> got = new ArrayList<>();
 * boolean plain = ListStream.read("nics.json", "[{\"name\": \"a\"}, {\"name\": \"b\"}]", limits, "value", true,
 *     (index, item) -> got.add(item));       // true; got holds the two objects
 * ListStream.read("x.json", "[{\"a\": 1, \"a\": 2}]", limits, "value", true, (i, item) -> true);   // false
 * }</pre>
 */
public final class ListStream {
  private static final JsonFactory JSON = Documents.JSON;

  private ListStream() {}

  /** What the caller does with the parts of a list, each answering false to give up (the text is then not a list). */
  @FunctionalInterface
  public interface Sink {
    /** The list starts: {@code key} is the field that holds it, or null when the text is a top-level array. */
    default boolean list(String key) {
      return true;
    }

    /** A field of the top-level object other than the list, as a tree (a JSON null is a null node). */
    default boolean field(String key, JsonNode value) {
      return true;
    }

    /** The list's element {@code index}, as a tree. */
    boolean item(int index, JsonNode value);
  }

  /**
   * Reads {@code text} (a {@code .json} file's content, a leading byte-order mark allowed) as a list into
   * {@code sink}: a top-level array when {@code arrays}, or an object whose field {@code key} is an array. True only
   * if the whole text was one such list and the sink took every part of it.
   */
  public static boolean read(String name, String text, ReadLimits limits, String key, boolean arrays, Sink sink) {
    try (JsonParser p = JSON.createParser(Documents.withoutBom(text))) {
      return read(name, p, limits, key, arrays, sink);
    } catch (IOException | RuntimeException e) {
      // a syntax error, or a sink's failure: the tree reader reports it as it always did
      return false;
    }
  }

  /**
   * {@link #read(String, String, ReadLimits, String, boolean, Sink)} of a file's UTF-8 bytes as they stream
   * ({@link InputFiles#stream}, which has taken off a byte-order mark): the file is never a text in memory.
   *
   * @throws IOException when the stream fails (not UTF-8, over a cap): then too the text is not a list read here
   */
  public static boolean read(String name, InputStream utf8, ReadLimits limits, String key, boolean arrays, Sink sink)
      throws IOException {
    try (JsonParser p = JSON.createParser(utf8)) {
      return read(name, p, limits, key, arrays, sink);
    } catch (JsonProcessingException | RuntimeException e) {
      return false;
    }
  }

  private static boolean read(String name, JsonParser p, ReadLimits limits, String key, boolean arrays, Sink sink)
      throws IOException {
    Documents.Values values = Documents.Values.json(name, p, limits);
    JsonToken first = p.nextToken();
    boolean read;
    if (first == JsonToken.START_ARRAY) {
      read = arrays && sink.list(null) && items(p, values, sink);
    } else {
      read = first == JsonToken.START_OBJECT && object(p, values, key, sink);
    }
    return read && p.nextToken() == null;
  }

  private static boolean object(JsonParser p, Documents.Values values, String listKey, Sink sink) throws IOException {
    Set<String> keys = new HashSet<>();
    boolean list = false;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (!keys.add(key)) {
        return false;   // a duplicate key: the tree reader names both lines
      }
      JsonToken v = p.nextToken();
      if (key.equals(listKey)) {
        if (v != JsonToken.START_ARRAY || !sink.list(key) || !items(p, values, sink)) {
          return false;
        }
        list = true;
      } else {
        Optional<JsonNode> n = values.read();
        if (n.isEmpty() || !sink.field(key, n.get())) {
          return false;
        }
      }
    }
    return t == JsonToken.END_OBJECT && list;
  }

  /** The elements, {@code p} on the array's start. */
  private static boolean items(JsonParser p, Documents.Values values, Sink sink) throws IOException {
    JsonToken t;
    int i = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        return false;
      }
      Optional<JsonNode> item = values.read();
      if (item.isEmpty() || !sink.item(i, item.get())) {
        return false;
      }
      i++;
    }
    return true;
  }
}
