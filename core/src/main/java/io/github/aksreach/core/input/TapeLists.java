package io.github.aksreach.core.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a large JSON list straight from its UTF-8 bytes, one element at a time, each element a {@link Tape} (no tree,
 * and no string made for a value nobody reads): the fast way for {@code kubectl get ... -o json} dumps of many
 * thousand pods and nodes. The shapes are {@link ListStream}'s: a top-level array, or a top-level object with the
 * array under one named field, whose other fields are given as tapes too. Only strict, plain JSON is read here
 * ({@link TapeReader}: RFC 8259 as Jackson takes it by default, nesting at most {@value TapeReader#MAX_DEPTH} deep
 * within an element, strings at most {@value TapeReader#MAX_TOKEN} bytes and keys {@value TapeReader#MAX_KEY},
 * numbers at most {@value TapeReader#MAX_NUMBER} characters, no key twice in a mapping); anything else, or a sink that
 * gives up or throws, answers false, and the caller reads the text with
 * {@link Documents}, whose messages name the problem with its path and lines. So a caller keeps what the sink received
 * only when this answers true, and whatever is read here reads as {@link Documents} would read it.
 *
 * <pre>{@code
 * List<String> names = new ArrayList<>();
 * TapeLists.read("{\"items\": [{\"metadata\": {\"name\": \"web\"}}]}", "items", false,
 *     (index, item) -> names.add(item.text(item.member(item.member(Tape.ROOT, "metadata"), "name"))));
 * // true; names = [web]
 * TapeLists.read("{\"items\": [{\"a\": 1, \"a\": 2}]}", "items", false, (i, item) -> true);   // false
 * }</pre>
 */
public final class TapeLists {
  /** What the caller does with the parts of a list, each answering false to give up (the text is then not a list). */
  @FunctionalInterface
  public interface Sink {
    /** The list starts: {@code key} is the field that holds it, or null when the text is a top-level array. */
    default boolean list(String key) {
      return true;
    }

    /** A field of the top-level object other than the list; the tape is valid only during the call. */
    default boolean field(String key, Tape value) {
      return true;
    }

    /** The list's element {@code index}; the tape is valid only during the call. */
    boolean item(int index, Tape value);
  }

  private final TapeReader r;

  private TapeLists(InputStream in) {
    this.r = new TapeReader(in);
  }

  /**
   * Reads a file's UTF-8 bytes as they stream ({@link InputFiles#stream}, which has taken off a byte-order mark and
   * checks the UTF-8) as a list into {@code sink}: a top-level array when {@code arrays}, or an object whose field
   * {@code key} is an array. True only if the whole text was one such list, read here, and the sink took every part.
   *
   * @throws IOException when the stream fails (not UTF-8, over a cap): then too the text is not a list read here
   */
  public static boolean read(InputStream utf8, String key, boolean arrays, Sink sink) throws IOException {
    try {
      return new TapeLists(utf8).list(key, arrays, sink);
    } catch (RuntimeException e) {   // outside what is read here (TapeReader.OUTSIDE), or the sink failed
      return false;
    }
  }

  /**
   * {@link #read(InputStream, String, boolean, Sink)} of a text (a leading byte-order mark allowed); false
   * for a text UTF-8 cannot carry (a lone surrogate), which {@link Documents} reads as it is.
   */
  public static boolean read(String text, String key, boolean arrays, Sink sink) {
    String json = Documents.withoutBom(text);
    byte[] utf8;
    if (hasSurrogate(json)) {
      try {   // the strict encoder, which refuses a lone surrogate where getBytes would write '?'
        ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(json));
        utf8 = java.util.Arrays.copyOf(b.array(), b.limit());
      } catch (CharacterCodingException e) {
        return false;
      }
    } else {
      utf8 = json.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return read(new ByteArrayInputStream(utf8), key, arrays, sink);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean hasSurrogate(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private boolean list(String key, boolean arrays, Sink sink) throws IOException {
    int c = r.blank();
    boolean read;
    if (c == '[') {
      read = arrays && sink.list(null) && items(sink);
    } else {
      read = c == '{' && object(key, sink);
    }
    return read && r.blank() == -1;
  }

  /** The top-level object, at its '{'. */
  private boolean object(String listKey, Sink sink) throws IOException {
    r.take();
    if (r.empty('}')) {
      return false;
    }
    Set<String> keys = new HashSet<>();
    boolean list = false;
    do {
      if (r.blank() != '"') {
        return false;
      }
      String key = r.key();
      if (!keys.add(key)) {
        return false;   // a duplicate key: the tree reader names both lines
      }
      int c = r.blank();
      if (key.equals(listKey)) {
        if (c != '[' || !sink.list(key) || !items(sink)) {
          return false;
        }
        list = true;
      } else if (!sink.field(key, r.value(c))) {
        return false;
      }
    } while (r.another('}'));
    return list;
  }

  /** The elements, at the array's '['. */
  private boolean items(Sink sink) throws IOException {
    r.take();
    if (r.empty(']')) {
      return true;
    }
    int i = 0;
    do {
      if (!sink.item(i++, r.value(r.blank()))) {
        return false;
      }
    } while (r.another(']'));
    return true;
  }
}
