package dev.wall.core.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.FileAttrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What setup created or removed, per module, so that {@code --undo} removes only what setup made:
 * files and folders it created, service links it added or removed. Edited files need no entry:
 * their {@code .wall-backup} holds the original. Kept in {@code /var/lib/wall/setup-journal}.
 */
public final class Journal {
  public static final String PATH = "/var/lib/wall/setup-journal";

  public enum Kind {
    CREATED_FILE,
    CREATED_DIR,
    CREATED_LINK,
    REMOVED_LINK
  }

  /** One entry: {@code target} is the link target for link entries, empty otherwise. */
  public record Entry(String module, Kind kind, String path, String target) {
    String line() {
      return module + "\t" + kind + "\t" + path + "\t" + target + "\n";
    }

    static Entry parse(String line) {
      String[] parts = Text.strip(line).split("\t", -1);
      return new Entry(
          parts[0], Kind.valueOf(parts[1]), parts[2], parts.length > 3 ? parts[3] : "");
    }
  }

  private final SystemTree tree;
  private final AtomicFile writer;

  public Journal(SystemTree tree, AtomicFile writer) {
    this.tree = tree;
    this.writer = writer;
  }

  public List<Entry> entries() throws IOException {
    Path file = tree.resolve(PATH);
    List<Entry> entries = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      for (String line : Text.lines(Text.decode(Files.readAllBytes(file)))) {
        if (!Text.strip(line).isBlank() && !line.startsWith("#")) {
          entries.add(Entry.parse(line));
        }
      }
    }
    return entries;
  }

  public Optional<Entry> find(String module, Kind kind, String path) throws IOException {
    return entries().stream()
        .filter(e -> e.module().equals(module) && e.kind() == kind && e.path().equals(path))
        .findFirst();
  }

  public void add(Entry entry) throws IOException {
    List<Entry> entries = entries();
    if (!entries.contains(entry)) {
      entries.add(entry);
      save(entries);
    }
  }

  public void remove(Entry entry) throws IOException {
    List<Entry> entries = entries();
    if (entries.remove(entry)) {
      save(entries);
    }
  }

  private void save(List<Entry> entries) throws IOException {
    Path file = tree.resolve(PATH);
    if (entries.isEmpty()) {
      Files.deleteIfExists(file);
      deleteIfEmpty(file.getParent());
      return;
    }
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder("# wall setup: what it created, for --undo. Keep it.\n");
    entries.forEach(e -> text.append(e.line()));
    writer.write(file, Text.encode(text.toString()), FileAttrs.mode("rw-r--r--"));
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try (var children = Files.list(dir)) {
      if (children.findAny().isEmpty()) {
        Files.delete(dir);
      }
    }
  }
}
