package io.bluelinkmqtt.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** README.md as the user reads it: an environment name is documented when it appears in backticks. */
public final class Readme {

  private final String text;

  private Readme(String text) {
    this.text = text;
  }

  public static Readme read() {
    try {
      return new Readme(Files.readString(Path.of(System.getProperty("project.basedir", "."), "README.md")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code `NAME`} or {@code `NAME=value`}, or for {@code NAME_FILE} the table's {@code `NAME` (`_FILE`)}. */
  public boolean documentsEnv(String name) {
    if (text.contains("`" + name + "`") || text.contains("`" + name + "=")) {
      return true;
    }
    return name.endsWith("_FILE")
        && text.contains("`" + name.substring(0, name.length() - "_FILE".length()) + "` (`_FILE`)");
  }

  public boolean contains(String snippet) {
    return text.contains(snippet);
  }
}
