package io.github.aksreach.core.input;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every fuzz target checks of what a loader says about its input (issue 15): each problem or note is one line,
 * escaped (no control, line-separator or bidirectional characters), of bounded length, names the file it was given
 * under, and is never an internal error. A failed check throws {@link AssertionError}, which Jazzer reports as a
 * finding and saves the input.
 *
 * <pre>{@code
 * LoadResult r = AzureLoader.parse("fuzz.json", FuzzInvariants.text(bytes));
 * r.errors().forEach(e -> FuzzInvariants.check(e, "fuzz.json"));
 * r.notes().forEach(n -> FuzzInvariants.checkNote(n, "fuzz.json"));
 * FuzzInvariants.checkLine(stderrLine);          // a line the command line printed
 * }</pre>
 */
public final class FuzzInvariants {
  /** The longest line a {@link ModelError} can print: file, path and message, each at most {@link SafeText#MAX_LINE}. */
  public static final int MAX_ERROR_LINE = 3 * SafeText.MAX_LINE + 4;

  /**
   * How the loaders and the command line begin a message when they caught a bug instead of a problem with the input.
   * Only the start of a message is looked at: a message may quote the input, and the fuzzer learns every string this
   * class compares with, so "internal error" anywhere would be found in quoted input at once.
   */
  private static final List<String> BUG_PREFIXES = List.of("cannot read (internal error", "inconsistent model:",
      "cannot parse: ", "aksreach: internal error", "internal error");

  private FuzzInvariants() {}

  /**
   * The fuzz input as text, decoded as the loaders decode a file (byte-order mark, UTF-16/32); bytes that are no
   * valid text come out as U+FFFD, so the loaders still meet the odd characters.
   */
  public static String text(byte[] bytes) {
    var decoded = InputFiles.decode("fuzz", bytes);
    return decoded.isValid() ? decoded.get() : new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code e} is a safe one-line problem about {@code file} (its file is {@code file}, or starts with it). */
  public static void check(ModelError e, String file) {
    if (!e.file().startsWith(file)) {
      throw new AssertionError("a problem that does not name the file " + file + ": " + e);
    }
    checkLine(e.toString(), MAX_ERROR_LINE);
    checkNoBug(e.message());
  }

  /**
   * {@code n} is a safe one-line note about {@code file}: like {@link #check}, except that a note about the whole
   * load has no file of its own ("namespaces [default] are used but not dumped", "... first at nsgs.json: $[0]"):
   * the command line prints it under the scenario directory.
   */
  public static void checkNote(ModelError n, String file) {
    if (n.file().isEmpty()) {
      checkLine(n.toString(), MAX_ERROR_LINE);
      checkNoBug(n.message());
    } else {
      check(n, file);
    }
  }

  /**
   * {@code line}, printed by the command line, is safe to print: one line, escaped, at most {@link SafeText#MAX_LINE}
   * characters, no internal error.
   */
  public static void checkLine(String line) {
    checkLine(line, SafeText.MAX_LINE);
    checkNoBug(line);
  }

  private static void checkNoBug(String message) {
    for (String p : BUG_PREFIXES) {
      if (message.startsWith(p)) {
        throw new AssertionError("a bug shown as a problem with the input: " + message);
      }
    }
  }

  private static void checkLine(String line, int max) {
    if (!SafeText.escape(line).equals(line)) {
      throw new AssertionError("unescaped control, line-separator or bidirectional character in: "
          + SafeText.escape(line));
    }
    if (line.length() > max) {
      throw new AssertionError("a line of " + line.length() + " characters (at most " + max + "): "
          + SafeText.value(line));
    }
  }
}
