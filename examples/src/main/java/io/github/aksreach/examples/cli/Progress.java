package io.github.aksreach.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What a long command is doing, on one line of stderr that is rewritten in place, only when stderr is a terminal
 * (issue 14): nothing is written when it is a file or a pipe, so scripts and CI logs see no progress.
 *
 * <pre>{@code
 * Progress p = Progress.forStderr(err);     // silent unless stderr is a terminal
 * p.phase("loading " + scenario);
 * for (int i = 0; i < checks.size(); i++) {
 *   p.step("check", i + 1, checks.size());  // "aksreach: check 3 of 31" at most five times a second
 * }
 * p.done();                                 // clears the line
 * }</pre>
 *
 * <p>Whether stderr is a terminal: the environment variable {@code AKSREACH_PROGRESS} ({@code 1} or {@code 0}) when
 * set (the launcher {@code bin/aksreach} sets it from {@code [ -t 2 ]}); otherwise whether the JVM has a console.
 * Nothing is shown in the first second, so quick commands never flash a line. Not thread-safe.
 */
final class Progress {
  private static final long QUIET_NANOS = 1_000_000_000L;
  private static final long EVERY_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final LongSupplier clock;
  private final boolean enabled;
  private final long started;
  private long last;
  private int width;
  private String phase = "";

  Progress(PrintWriter err, LongSupplier clock, boolean enabled) {
    this.err = err;
    this.clock = clock;
    this.enabled = enabled;
    this.started = clock.getAsLong();
    this.last = started - EVERY_NANOS;
  }

  /** Progress on {@code err}, shown when stderr is a terminal. */
  static Progress forStderr(PrintWriter err) {
    return new Progress(err, System::nanoTime, onTerminal(System.getenv("AKSREACH_PROGRESS"),
        System.console() != null));
  }

  /** Whether to show progress: {@code setting} ({@code 1}/{@code 0}) when given, else {@code console}. */
  static boolean onTerminal(String setting, boolean console) {
    if (setting != null && !setting.isBlank()) {
      return setting.trim().equals("1") || setting.trim().equalsIgnoreCase("true");
    }
    return console;
  }

  /** A new phase ("loading", "reach"): shown at the next chance. */
  void phase(String what) {
    phase = what;
    if (due(true)) {
      show(what, true);
    }
  }

  /** Item {@code done} of {@code total} of the current kind of work. */
  void step(String what, long done, long total) {
    if (due(false)) {
      show(String.format(Locale.ROOT, "%s %,d of %,d", what, done, total), false);
    }
  }

  /** {@code done} items so far, total unknown (a flow log being read). */
  void count(String what, long done) {
    if (due(false)) {
      show(String.format(Locale.ROOT, "%s %,d", what, done), false);
    }
  }

  /** A silent progress: for output that streams to the same terminal. */
  Progress silent() {
    return new Progress(err, clock, false);
  }

  /** Clears the line, if one was shown. */
  void done() {
    if (enabled && width > 0) {
      err.print('\r' + " ".repeat(width) + '\r');
      err.flush();
      width = 0;
    }
  }

  /** Whether a line may be shown now: past the quiet first second and, but for a new phase, the throttle. */
  private boolean due(boolean phaseChange) {
    long now = clock.getAsLong();
    return enabled && now - started >= QUIET_NANOS && (phaseChange || now - last >= EVERY_NANOS);
  }

  private void show(String text, boolean phaseChange) {
    last = clock.getAsLong();
    String line = "aksreach: " + (phaseChange || phase.isEmpty() ? text : phase + ": " + text);
    // printable ASCII only: a scenario path with control characters must not reach the terminal raw
    line = line.replaceAll("[^\\x20-\\x7e]", "?");
    if (line.length() > 100) {
      line = line.substring(0, 97) + "...";
    }
    err.print('\r' + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }
}
