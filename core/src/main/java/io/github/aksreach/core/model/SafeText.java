package io.github.aksreach.core.model;

/**
 * The one place that makes text from user input safe to print in a message: no control characters (escaped as
 * {@code \n}, {@code \t}, {@code \u001b}, ...), nothing that can reorder a terminal line (bidirectional overrides),
 * and values cut to {@value #MAX_VALUE} characters with {@code ...}. {@link ModelError} and every other error path
 * run their text through it, so an error is always one line of bounded length.
 *
 * <pre>{@code
 * SafeText.value("evil\u001b[31mred");                    // "evil\\u001b[31mred"
 * SafeText.value("x".repeat(10_000)).length();           // 80, ending in "..."
 * SafeText.message("bad value 'aaaa...10 MB...'");        // the quoted value cut to 80 characters
 * }</pre>
 *
 * <p>Idempotent: safe text stays the same when made safe again.
 */
public final class SafeText {
  /** The longest value shown: a quoted value or a single word of a message. */
  public static final int MAX_VALUE = 80;
  /** The longest unquoted word kept whole (paths, file names are often longer than a value). */
  static final int MAX_WORD = 240;
  /** The longest message (one line). */
  public static final int MAX_LINE = 1000;

  private SafeText() {}

  /** One value: escaped and cut to {@link #MAX_VALUE} characters. */
  public static String value(String s) {
    return cut(escape(s), MAX_VALUE);
  }

  /**
   * A message or line: escaped, every quoted value ({@code '...'} or {@code "..."}) cut to {@link #MAX_VALUE}
   * characters, every other word to {@value #MAX_WORD}, the whole to {@link #MAX_LINE}.
   */
  public static String message(String s) {
    String e = escape(s);
    if (e.length() <= MAX_VALUE) {
      return e;
    }
    return cut(cutWords(cutQuoted(e)), MAX_LINE);
  }

  /** Escapes control, line-separator and bidirectional-formatting characters; everything else is kept. */
  public static String escape(String s) {
    if (s == null) {
      return "null";
    }
    int i = 0;
    while (i < s.length() && !unsafe(s.charAt(i), s, i)) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c, s, i)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /**
   * Whether {@code s} holds a character {@link #escape} escapes other than a tab or a line end: a terminal escape, NUL,
   * a bidirectional override. A typed value (an address, a protocol, a policy) never holds one, and
   * {@link String#trim()} would drop one at either end in silence ({@code "\u001bTcp"} read as {@code Tcp}).
   */
  public static boolean hasControl(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      // printable ASCII, nearly every character of a dump, decided here without a call
      if (c >= 0x20 && c < 0x7f) {
        continue;
      }
      if (c != '\t' && c != '\n' && c != '\r' && unsafe(c, s, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unsafe(char c, String s, int i) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
    if (c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 3;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "...";
  }

  private static String cutQuoted(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LINE + 16));
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int close = (c == '\'' || c == '"') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
          ? closing(s, c, i + 1) : -1;
      if (close > i) {
        sb.append(c).append(cut(s.substring(i + 1, close), MAX_VALUE)).append(c);
        i = close + 1;
      } else {
        sb.append(c);
        i++;
      }
      if (sb.length() > MAX_LINE + 8) {
        break;
      }
    }
    return i < s.length() ? sb.append("...").toString() : sb.toString();
  }

  /** The quote that closes a value opened before {@code from}: one not followed by a letter or digit. */
  private static int closing(String s, char quote, int from) {
    int j = s.indexOf(quote, from);
    while (j >= 0 && j + 1 < s.length() && Character.isLetterOrDigit(s.charAt(j + 1))) {
      j = s.indexOf(quote, j + 1);
    }
    return j;
  }

  private static String cutWords(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int start = 0;
    while (start < s.length()) {
      int sp = s.indexOf(' ', start);
      int end = sp < 0 ? s.length() : sp;
      sb.append(cut(s.substring(start, end), MAX_WORD));
      if (sp < 0) {
        break;
      }
      sb.append(' ');
      start = sp + 1;
    }
    return sb.toString();
  }
}
