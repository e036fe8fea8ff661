package io.bluelinkmqtt.command;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The commands riding on one identical command's request to the API, kept as small as a joiner can be: its
 * id and when it was taken (the rest of the command is the leader's). About 70 bytes each with an {@code auto-<n>} id
 * (the id string and two array slots), so even a flood of 100 000 identical commands while one
 * forced refresh runs costs some 7 MB, and the count needs no bound. Not thread-safe.
 */
final class Joiners {

  private static final int FIRST_CAPACITY = 4;

  private String[] ids = new String[0];
  private long[] startedAt = new long[0];
  private int size;

  void add(String id, long startedAtMillis) {
    if (size == ids.length) {
      int grown = Math.max(FIRST_CAPACITY, size + (size >> 1));
      ids = Arrays.copyOf(ids, grown);
      startedAt = Arrays.copyOf(startedAt, grown);
    }
    ids[size] = id;
    startedAt[size] = startedAtMillis;
    size++;
  }

  int size() {
    return size;
  }

  /** Calls {@code each} with every joiner's id and start time, in the order they joined. */
  void forEach(BiConsumer<String, Long> each) {
    for (int i = 0; i < size; i++) {
      each.accept(ids[i], startedAt[i]);
    }
  }
}
