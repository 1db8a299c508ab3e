package io.github.aksreach.nsg.load;

import io.github.aksreach.core.input.Tape;
import io.github.aksreach.core.input.TapeLists;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an Azure list straight from its bytes ({@link TapeLists}), one element at a time: the top-level array that
 * {@code az network nic list} or {@code az network nsg list} prints (paths {@code $[i]}), or a REST list response
 * {@code {"value": [...], "nextLink": ...}} (paths {@code $.value[i]}). Each element becomes a {@link Tape} of its
 * own, is read into the model and dropped, so the memory of reading follows the largest resource, not the file. Only the plain
 * case is read this way: one JSON value, nothing after it, strict JSON with no key twice in a mapping (see
 * {@link TapeLists}) and, for an object, no field besides {@code value} that could make it something else than a list
 * response ({@code type}, or any object or array: a resource, an ARM template, a REST spec example). Anything else
 * answers false and the caller reads the whole text as one tree, whose messages, paths and lines are then the ones
 * given; so the elements are read into a staged {@link Collected} and {@link Problems}, added to the caller's only when
 * this answers true.
 *
 * <pre>{@code
 * if (!AzureListStream.read(collected, problems, "nics.json", text)) {
 *   // read it as a tree: Documents.json, then AzureParser.document
 * }
 * }</pre>
 */
final class AzureListStream {
  private AzureListStream() {}

  /**
   * Reads {@code text} element by element into {@code c} and {@code p} (after what they hold); false, adding
   * nothing, if it is not a plain list.
   */
  static boolean read(Collected c, Problems p, String name, String text) {
    Staged staged = new Staged(name);
    if (!TapeLists.read(text, "value", true, staged)) {
      return false;
    }
    staged.keep(c, p);
    return true;
  }

  /**
   * What one list holds, read into a {@link Collected} and {@link Problems} of its own until the caller
   * {@linkplain #keep keeps} it: {@code if (in.stream(file, name, bytes -> staged.read(bytes))) staged.keep(c,
   * p);}.
   */
  static final class Staged implements TapeLists.Sink {
    private final Collected staged = new Collected();
    private final Problems problems = new Problems();
    private final AzureParser parser;
    private final String file;
    private J list;
    private int count;

    Staged(String file) {
      this.parser = new AzureParser(staged, problems, file);
      this.file = file;
    }

    /**
     * Reads a file's UTF-8 bytes as they stream ({@link io.github.aksreach.core.input.InputFiles#stream}): the file is
     * never a text in memory. False if it is not a plain list (then keep nothing).
     */
    boolean read(InputStream utf8) throws IOException {
      return TapeLists.read(utf8, "value", true, this);
    }

    /** Adds what was read, once the list proved plain, to {@code c} and {@code p} (after what they hold). */
    void keep(Collected c, Problems p) {
      if (count == 0) {
        problems.note(file, list.path(), "empty list: nothing to load");
      }
      c.absorb(staged);
      p.absorb(problems);
    }

    @Override
    public boolean list(String key) {
      list = J.nothing(file, key == null ? "$" : J.childPath("$", key));
      return true;
    }

    @Override
    public boolean field(String key, Tape value) {
      return !key.equals("type") && value.kind(Tape.ROOT) != Tape.OBJECT && value.kind(Tape.ROOT) != Tape.ARRAY;
    }

    @Override
    public boolean item(int index, Tape value) {
      parser.listItem(J.element(list, value, index));
      count++;
      return true;
    }
  }
}
